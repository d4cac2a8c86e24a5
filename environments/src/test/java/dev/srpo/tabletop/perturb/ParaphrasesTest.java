package dev.srpo.tabletop.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ParaphrasesTest {

    /**
     * Per task, the words every paraphrase must keep: objects, target and relation. Each entry is a regular
     * expression found in the lower-cased text; "a|b" accepts either (a small synonym allowance, e.g. for "turn
     * on"/"switch on").
     */
    private static final Map<String, List<String>> KEYWORDS = Map.ofEntries(
            Map.entry("libero_spatial/0", List.of("black bowl", "between", "plate", "ramekin")),
            Map.entry("libero_spatial/1", List.of("black bowl", "next to the ramekin", "plate")),
            Map.entry("libero_spatial/2", List.of("black bowl", "center", "table", "plate")),
            Map.entry("libero_spatial/3", List.of("black bowl", "cookie box", "plate")),
            Map.entry("libero_spatial/4", List.of("black bowl", "top drawer", "wooden cabinet", "plate")),
            Map.entry("libero_spatial/5", List.of("black bowl", "ramekin", "plate")),
            Map.entry("libero_spatial/6", List.of("black bowl", "next to the cookie box", "plate")),
            Map.entry("libero_spatial/7", List.of("black bowl", "stove", "plate")),
            Map.entry("libero_spatial/8", List.of("black bowl", "next to the plate")),
            Map.entry("libero_spatial/9", List.of("black bowl", "wooden cabinet", "plate")),
            Map.entry("libero_object/0", List.of("alphabet soup", "basket")),
            Map.entry("libero_object/1", List.of("cream cheese", "basket")),
            Map.entry("libero_object/2", List.of("salad dressing", "basket")),
            Map.entry("libero_object/3", List.of("bbq sauce", "basket")),
            Map.entry("libero_object/4", List.of("ketchup", "basket")),
            Map.entry("libero_object/5", List.of("tomato sauce", "basket")),
            Map.entry("libero_object/6", List.of("butter", "basket")),
            Map.entry("libero_object/7", List.of("milk", "basket")),
            Map.entry("libero_object/8", List.of("chocolate pudding", "basket")),
            Map.entry("libero_object/9", List.of("orange juice", "basket")),
            Map.entry("libero_goal/0", List.of("open", "middle drawer", "cabinet")),
            Map.entry("libero_goal/1", List.of("bowl", "stove")),
            Map.entry("libero_goal/2", List.of("wine bottle", "top of the cabinet")),
            Map.entry("libero_goal/3", List.of("open", "top drawer", "bowl", "inside|in it|in there|into the drawer")),
            Map.entry("libero_goal/4", List.of("bowl", "top of the cabinet")),
            Map.entry("libero_goal/5", List.of("push", "plate", "front of the stove")),
            Map.entry("libero_goal/6", List.of("cream cheese", "bowl")),
            Map.entry(
                    "libero_goal/7",
                    List.of("stove", "turn on|switch on|turn the stove on|switch the stove on|turned on")),
            Map.entry("libero_goal/8", List.of("bowl", "plate")),
            Map.entry("libero_goal/9", List.of("wine bottle", "rack")),
            Map.entry("libero_10/0", List.of("alphabet soup", "tomato sauce", "basket")),
            Map.entry("libero_10/1", List.of("cream cheese box", "butter", "basket")),
            Map.entry("libero_10/2", List.of("turn on|switch on|turn the stove on", "stove", "moka pot")),
            Map.entry("libero_10/3", List.of("black bowl", "bottom drawer", "cabinet", "close|shut")),
            // Which mug goes to which plate: the white one to the left, then the yellow and white one to the right.
            Map.entry("libero_10/4", List.of("white mug .*left plate.* yellow and white mug .*right plate")),
            Map.entry("libero_10/5", List.of("book", "back compartment", "caddy")),
            Map.entry("libero_10/6", List.of("white mug", "plate", "chocolate pudding", "to the right of the plate")),
            Map.entry("libero_10/7", List.of("alphabet soup", "cream cheese box", "basket")),
            Map.entry("libero_10/8", List.of("moka pots", "stove", "both|two")),
            Map.entry("libero_10/9", List.of("yellow and white mug", "microwave", "close|shut")));

    /** Relations a task must not gain: a bowl "on" the ramekin is not one "next to" it. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "libero_spatial/3", List.of("next to", "between"),
            "libero_spatial/5", List.of("next to", "between"),
            "libero_spatial/7", List.of("next to", "between"),
            "libero_spatial/9", List.of("next to", "between"),
            "libero_goal/0", List.of("close", "top drawer", "bottom drawer"),
            "libero_goal/3", List.of("close", "middle drawer", "bottom drawer"),
            "libero_goal/7", List.of("turn off", "switch off"),
            "libero_10/3", List.of("top drawer", "middle drawer", "open"),
            "libero_10/5", List.of("front compartment"),
            "libero_10/6", List.of("left of"));

    private static List<Task> allTasks() {
        List<Task> tasks = new ArrayList<>();
        for (Suite s : Suite.values()) {
            tasks.addAll(s.tasks());
        }
        return tasks;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z ]", "")
                .replaceAll(" +", " ")
                .trim();
    }

    @Test
    void everyTaskHasAtLeastTenDistinctParaphrasesUnlikeTheOriginal() {
        List<Task> tasks = allTasks();
        assertEquals(40, tasks.size());
        for (Task t : tasks) {
            List<String> list = Paraphrases.of(t);
            Set<String> distinct = new HashSet<>();
            for (String p : list) {
                assertFalse(p.isBlank(), t + " has a blank paraphrase");
                assertFalse(normalise(p).equals(normalise(t.language())), t + " repeats the original: " + p);
                distinct.add(normalise(p));
            }
            assertTrue(distinct.size() >= 10, t + " has only " + distinct.size() + " distinct paraphrases");
        }
    }

    @Test
    void everyParaphraseKeepsTheTasksObjectsAndRelations() {
        assertEquals(40, KEYWORDS.size());
        for (Task t : allTasks()) {
            List<String> keywords = KEYWORDS.get(t.id());
            assertNotNull(keywords, "no keywords for " + t);
            for (String p : Paraphrases.of(t)) {
                String text = p.toLowerCase(Locale.ROOT);
                for (String k : keywords) {
                    boolean found = Pattern.compile(k).matcher(text).find();
                    assertTrue(found, t.id() + ": \"" + p + "\" lacks " + k);
                }
                for (String bad : FORBIDDEN.getOrDefault(t.id(), List.of())) {
                    assertFalse(text.contains(bad), t.id() + ": \"" + p + "\" says " + bad);
                }
            }
        }
    }

    @Test
    void keywordsHoldForTheOriginalInstructionsToo() {
        // Guards the keyword table itself: it must describe the task, not just our wording.
        for (Task t : allTasks()) {
            String text = t.language().toLowerCase(Locale.ROOT);
            for (String k : KEYWORDS.get(t.id())) {
                boolean found = Pattern.compile(k).matcher(text).find();
                assertTrue(found, t.id() + ": original \"" + t.language() + "\" lacks " + k);
            }
        }
    }

    @Test
    void byLengthIsSortedAndComplete() {
        Task t = Suite.GOAL.task(1);
        List<String> sorted = Paraphrases.byLength(t);
        assertEquals(new HashSet<>(Paraphrases.of(t)), new HashSet<>(sorted));
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i - 1).length() <= sorted.get(i).length());
        }
    }
}
