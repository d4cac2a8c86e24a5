package dev.srpo.tabletop;

import dev.srpo.env.Env;
import dev.srpo.env.EnvOptions;
import dev.srpo.env.EnvProvider;
import dev.srpo.env.Task;
import dev.srpo.tabletop.perturb.Variant;
import dev.srpo.tabletop.perturb.VariantGenerator;

/** Registers the embedded simulator as environment backend {@code tabletop}. */
public final class TabletopProvider implements EnvProvider {

    @Override
    public String name() {
        return "tabletop";
    }

    @Override
    public Env create(Task task) {
        return new TabletopEnv(task);
    }

    @Override
    public Env create(Task task, EnvOptions options) {
        TabletopOptions o = TabletopOptions.DEFAULT
                .withTrainingLayouts(options.trainingLayouts())
                .withWrist(options.wrist());
        if (options.size() != 0) {
            o = o.withSize(options.size(), options.size());
        }
        if (options.hasVariant()) {
            Variant v = VariantGenerator.shipped(options.variant());
            if (!v.task().equals(task)) {
                throw new IllegalArgumentException(
                        "variant " + v.id() + " perturbs task " + v.task().id() + ", not " + task.id());
            }
            o = o.withPerturbation(v.perturbation());
        }
        return new TabletopEnv(task, o);
    }
}
