package dev.abilint.format;

import dev.abilint.model.Binary;
import java.util.List;

/** Reads one native file format into the model. One binary per slice (fat Mach-O has several). */
public interface BinaryReader {

    /**
     * @param location where the file is, for the model and for messages ({@code a.jar!/lib/x.so})
     * @param data the whole file
     * @throws MalformedBinaryException when the bytes are not a readable file of this format
     */
    List<Binary> read(String location, Bytes data) throws MalformedBinaryException;
}
