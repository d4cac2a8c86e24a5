package dev.srpo.policy;

import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A word-level vocabulary for instructions: lower-cased runs of letters and digits. Id 0 is {@value #PAD} (filler
 * for short instructions), id 1 is {@value #UNK}: a word outside the vocabulary maps to it, so a paraphrase with
 * new words still runs (the policy sees the words it knows).
 *
 * @param words the vocabulary, index = id; starts with {@value #PAD} and {@value #UNK}
 */
public record InstructionTokenizer(List<String> words) {

    /** Filler token, id 0. */
    public static final String PAD = "<pad>";
    /** Unknown-word token, id 1. */
    public static final String UNK = "<unk>";

    public InstructionTokenizer {
        words = List.copyOf(words);
        if (words.size() < 2 || !words.get(0).equals(PAD) || !words.get(1).equals(UNK)) {
            throw new IllegalArgumentException("a vocabulary starts with " + PAD + " and " + UNK + ", got "
                    + words.subList(0, Math.min(2, words.size())));
        }
        if (new TreeSet<>(words).size() != words.size()) {
            throw new IllegalArgumentException("the vocabulary lists a word twice");
        }
    }

    /** A vocabulary of every word in {@code texts}, sorted, after {@value #PAD} and {@value #UNK}. */
    public static InstructionTokenizer of(Collection<String> texts) {
        TreeSet<String> vocab = new TreeSet<>();
        for (String t : texts) {
            vocab.addAll(split(t));
        }
        List<String> words = new ArrayList<>(List.of(PAD, UNK));
        words.addAll(vocab);
        return new InstructionTokenizer(words);
    }

    /** The vocabulary of LIBERO's 40 instructions, plus any {@code extra} texts (paraphrases). */
    public static InstructionTokenizer libero(Collection<String> extra) {
        List<String> texts = new ArrayList<>(extra);
        for (Suite s : Suite.values()) {
            for (Task t : s.tasks()) {
                texts.add(t.language());
            }
        }
        return of(texts);
    }

    /** Words of a text: lower-cased runs of letters and digits. */
    public static List<String> split(String text) {
        if (text == null) {
            throw new IllegalArgumentException("instruction is null");
        }
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Number of ids, {@value #PAD} and {@value #UNK} included. */
    public int size() {
        return words.size();
    }

    /** Ids of the instruction's words; unknown words are id 1 ({@value #UNK}). */
    public int[] encode(String text) {
        Map<String, Integer> index = index();
        List<String> ws = split(text);
        int[] ids = new int[ws.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = index.getOrDefault(ws.get(i), 1);
        }
        return ids;
    }

    /**
     * The instruction as a bag of words: the share of each id among its words (an empty instruction is all
     * {@value #UNK}). The default model's instruction encoder averages learned word embeddings, which is this
     * vector times the embedding matrix.
     */
    public float[] bagOfWords(String text) {
        int[] ids = encode(text);
        float[] bag = new float[size()];
        if (ids.length == 0) {
            bag[1] = 1f;
            return bag;
        }
        for (int id : ids) {
            bag[id] += 1f / ids.length;
        }
        return bag;
    }

    private Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            m.put(words.get(i), i);
        }
        return m;
    }
}
