package dev.slaw.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads an option with a fixed set of values into an enum: the word a user types is the constant's
 * name in lower case with hyphens ({@code EPOCH_2024} is {@code epoch-2024}), in any case; an
 * unknown word is refused with the list of words. Picocli makes converters by class, so each such
 * enum has a small subclass naming its type.
 */
abstract class ChoiceConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    ChoiceConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String text) {
        String word = text.strip();
        for (E choice : type.getEnumConstants()) {
            if (word(choice).equalsIgnoreCase(word)) {
                return choice;
            }
        }
        List<String> words = Arrays.stream(type.getEnumConstants()).map(ChoiceConverter::word).toList();
        String expected = words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        throw new TypeConversionException("expected " + expected + ", got '" + word + "'");
    }

    /** The word that chooses {@code choice}. */
    static String word(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
