package dev.srpo.tabletop.perturb;

import dev.srpo.tabletop.render.Backdrop;
import dev.srpo.tabletop.render.Lighting;
import java.util.ArrayList;
import java.util.List;

/**
 * A point in LIBERO-Plus's perturbation space: one optional setting per {@link Dimension}, {@code null} where that
 * dimension is left as in clean LIBERO. The components are in {@link Dimension}'s order.
 *
 * @param camera agentview viewpoint shift
 * @param robot robot initial-state offset
 * @param instruction replacement instruction (a paraphrase of the task's)
 * @param light lighting that replaces {@link Lighting#DEFAULT}
 * @param background backdrop that replaces {@link Backdrop#DEFAULT}
 * @param noise corruption of the agentview image
 * @param layout distractors and target displacement
 */
public record Perturbation(
        CameraShift camera,
        RobotInit robot,
        String instruction,
        Lighting light,
        Backdrop background,
        SensorNoise noise,
        LayoutChange layout) {

    /** Clean LIBERO: nothing perturbed. */
    public static final Perturbation NONE = new Perturbation(null, null, null, null, null, null, null);

    /**
     * A perturbation of the one dimension {@code d}, set to {@code parameter}.
     *
     * @throws IllegalArgumentException if {@code parameter} is null or not of the dimension's type
     */
    public static Perturbation of(Dimension d, Object parameter) {
        return NONE.with(d, parameter);
    }

    /**
     * This perturbation with dimension {@code d} set to {@code parameter} (a {@link CameraShift}, {@link
     * RobotInit}, {@code String}, {@link Lighting}, {@link Backdrop}, {@link SensorNoise} or {@link LayoutChange}).
     *
     * @throws IllegalArgumentException if {@code parameter} is null or not of the dimension's type
     */
    public Perturbation with(Dimension d, Object parameter) {
        Class<?> type = type(d);
        if (!type.isInstance(parameter)) {
            throw new IllegalArgumentException("dimension " + d + " takes a " + type.getSimpleName() + ", not "
                    + (parameter == null ? "null" : parameter.getClass().getSimpleName()));
        }
        return switch (d) {
            case CAMERA ->
                new Perturbation((CameraShift) parameter, robot, instruction, light, background, noise, layout);
            case ROBOT_INIT ->
                new Perturbation(camera, (RobotInit) parameter, instruction, light, background, noise, layout);
            case LANGUAGE -> new Perturbation(camera, robot, (String) parameter, light, background, noise, layout);
            case LIGHT -> new Perturbation(camera, robot, instruction, (Lighting) parameter, background, noise, layout);
            case BACKGROUND -> new Perturbation(camera, robot, instruction, light, (Backdrop) parameter, noise, layout);
            case NOISE ->
                new Perturbation(camera, robot, instruction, light, background, (SensorNoise) parameter, layout);
            case LAYOUT ->
                new Perturbation(camera, robot, instruction, light, background, noise, (LayoutChange) parameter);
        };
    }

    /** The setting of dimension {@code d}, or {@code null} if it is unperturbed. */
    public Object get(Dimension d) {
        return switch (d) {
            case CAMERA -> camera;
            case ROBOT_INIT -> robot;
            case LANGUAGE -> instruction;
            case LIGHT -> light;
            case BACKGROUND -> background;
            case NOISE -> noise;
            case LAYOUT -> layout;
        };
    }

    /** The type a dimension's setting has. */
    public static Class<?> type(Dimension d) {
        return switch (d) {
            case CAMERA -> CameraShift.class;
            case ROBOT_INIT -> RobotInit.class;
            case LANGUAGE -> String.class;
            case LIGHT -> Lighting.class;
            case BACKGROUND -> Backdrop.class;
            case NOISE -> SensorNoise.class;
            case LAYOUT -> LayoutChange.class;
        };
    }

    /** The dimensions that are set, in {@link Dimension}'s order. */
    public List<Dimension> dimensions() {
        List<Dimension> set = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (get(d) != null) {
                set.add(d);
            }
        }
        return List.copyOf(set);
    }

    /** This perturbation's lighting, or the default when light is unperturbed. */
    public Lighting lightingOrDefault() {
        return light == null ? Lighting.DEFAULT : light;
    }

    /** This perturbation's backdrop, or the default when the background is unperturbed. */
    public Backdrop backdropOrDefault() {
        return background == null ? Backdrop.DEFAULT : background;
    }
}
