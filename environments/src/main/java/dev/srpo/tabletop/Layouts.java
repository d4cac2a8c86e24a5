package dev.srpo.tabletop;

import dev.srpo.tabletop.perturb.LayoutChange;
import java.util.SplittableRandom;

/**
 * LIBERO-Plus's layout perturbation on a built scene: displace the task's target (skipped where it would end up
 * inside something, and for tasks without a target object: opening a drawer, turning on the stove), add
 * distractor objects on free spots of the table.
 */
final class Layouts {

    private static final ObjectKind[] DISTRACTORS = {
        ObjectKind.KETCHUP,
        ObjectKind.MILK,
        ObjectKind.RAMEKIN,
        ObjectKind.BUTTER,
        ObjectKind.BBQ_SAUCE,
        ObjectKind.ORANGE_JUICE,
        ObjectKind.SALAD_DRESSING,
        ObjectKind.TOMATO_SAUCE,
        ObjectKind.CHOCOLATE_PUDDING
    };

    private Layouts() {}

    static void perturb(Scene s, String target, LayoutChange change) {
        if (target != null) { // the target moves with whatever stands on it, then settles where it lands
            Body t = s.body(target);
            if (s.fitsAt(t, t.x + change.targetDx(), t.y + change.targetDy())) {
                s.moveWithLoad(t, change.targetDx(), change.targetDy(), 0);
                t.support = null;
            }
        }
        SplittableRandom r = new SplittableRandom(change.seed());
        int added = 0;
        for (int attempt = 0; attempt < 200 && added < change.distractors(); attempt++) {
            double x = -0.4 + 0.8 * r.nextDouble();
            double y = -0.3 + 0.5 * r.nextDouble();
            if (isFree(s, x, y)) {
                ObjectKind kind = DISTRACTORS[r.nextInt(DISTRACTORS.length)];
                s.add("distractor " + (added + 1) + " (" + kind.label + ")", kind, x, y);
                added++;
            }
        }
        s.settleAll();
    }

    /** A spot on the bare table at least 10 cm from every object and 5 cm from every fixture. */
    private static boolean isFree(Scene s, double x, double y) {
        for (Body b : s.bodies) {
            if (Math.hypot(b.x - x, b.y - y) < 0.1 + Math.max(b.kind.hx, b.kind.hy)) {
                return false;
            }
        }
        for (double dx = -0.05; dx <= 0.05; dx += 0.05) {
            for (double dy = -0.05; dy <= 0.05; dy += 0.05) {
                if (s.floorUnder(x + dx, y + dy, null, 0) > 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
