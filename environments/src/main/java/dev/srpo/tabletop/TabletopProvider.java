package dev.srpo.tabletop;

import dev.srpo.env.Env;
import dev.srpo.env.EnvOptions;
import dev.srpo.env.EnvProvider;
import dev.srpo.env.Task;

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
        TabletopOptions o = TabletopOptions.DEFAULT.withTrainingLayouts(options.trainingLayouts());
        return new TabletopEnv(task, options.size() == 0 ? o : o.withSize(options.size(), options.size()));
    }
}
