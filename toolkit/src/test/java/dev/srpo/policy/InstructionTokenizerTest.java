package dev.srpo.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionTokenizerTest {

    @Test
    void unknownWordsMapToUnk() {
        InstructionTokenizer tok = InstructionTokenizer.of(List.of("put the bowl on the plate"));
        assertEquals(List.of("<pad>", "<unk>", "bowl", "on", "plate", "put", "the"), tok.words());
        assertArrayEquals(new int[] {5, 6, 1, 3, 6, 4}, tok.encode("Put the MUG on the plate!"));
        float[] bag = tok.bagOfWords("place the mug");
        assertEquals(2f / 3, bag[1], 1e-6); // two unknown words of three
        assertEquals(1f / 3, bag[6], 1e-6);
        assertEquals(1f, tok.bagOfWords("")[1]);
    }

    @Test
    void liberoVocabularyCoversEveryInstruction() {
        InstructionTokenizer tok = InstructionTokenizer.libero(List.of());
        assertTrue(tok.size() > 50);
        for (int id :
                tok.encode("pick up the black bowl between the plate and the ramekin and place it on the plate")) {
            assertTrue(id > 1);
        }
        assertThrows(IllegalArgumentException.class, () -> new InstructionTokenizer(List.of("a", "b")));
    }
}
