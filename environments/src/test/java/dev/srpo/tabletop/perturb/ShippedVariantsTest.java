package dev.srpo.tabletop.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srpo.env.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The variant lists under datasets/ are what the generator makes today: regenerate them with `make variants`. */
class ShippedVariantsTest {

    @ParameterizedTest
    @EnumSource(Suite.class)
    void shippedListIsUpToDate(Suite suite) throws Exception {
        Path file = Path.of("..", "datasets", "libero-plus-variants", suite.id() + ".json");
        String expected = VariantGenerator.toJson(new VariantGenerator(VariantGenerator.SHIPPED_SEED).generate(suite));
        assertEquals(expected, Files.readString(file), file + " is stale: run `make variants`");
        for (Variant v : VariantGenerator.fromJson(Files.readString(file))) { // EnvOptions.variant finds each by id
            assertEquals(
                    VariantGenerator.toJson(List.of(v)),
                    VariantGenerator.toJson(List.of(VariantGenerator.shipped(v.id()))));
        }
    }
}
