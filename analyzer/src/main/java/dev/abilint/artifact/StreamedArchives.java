package dev.abilint.artifact;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads archives that arrive as a stream (inside another archive, or gzip and tar files on disk): zips with
 * {@link ZipInputStream}, tar and tar.gz with {@link TarReader}, entry by entry on the walker's thread.
 */
final class StreamedArchives {
    /** Bytes kept from the end of a streamed zip: its end record and the longest comment. */
    private static final int ZIP_TAIL = 22 + 0xffff;

    private final ArchiveScanner scanner;
    private final Limits limits;

    StreamedArchives(ArchiveScanner scanner, Limits limits) {
        this.scanner = scanner;
        this.limits = limits;
    }

    /**
     * @param checkEnd whether to check that the stream ends with a zip end record: ZipInputStream
     *     takes a truncated archive's end for its last entry, so truncation is found here
     */
    void scanZipStream(ArchiveScan scan, InputStream raw, boolean checkEnd) throws IOException {
        if (scan.format == null) {
            scan.format = "zip";
        }
        LimitedInputStream.Counting counting = new LimitedInputStream.Counting(raw, checkEnd ? ZIP_TAIL : 0);
        // Names flagged UTF-8 (bit 11, which current tools set for every non-ASCII name) are decoded as
        // UTF-8; others as ISO-8859-1, which cannot fail: a stream cannot be read again with another.
        ZipInputStream zip = new ZipInputStream(counting, StandardCharsets.ISO_8859_1);
        try {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    if (!scanner.countEntry(scan, entry.getName(), -1)) {
                        return;
                    }
                    continue;
                }
                long start = counting.count();
                if (!scanner.entry(scan, entry.getName(), zip, () -> counting.count() - start, true, -1, scan.budget)) {
                    return;
                }
            }
            if (checkEnd) {
                ArchiveScanner.drain(counting); // the central directory, which ZipInputStream does not read
                if (!endsWithZipEnd(counting.tail())) {
                    throw new EOFException("no end of central directory record: the archive is cut short");
                }
            }
        } catch (ArchiveScanner.StopArchive e) {
            // a limit inside this archive was recorded; the rest of it is not read
        } catch (IllegalArgumentException e) { // malformed entry name
            throw new ZipException("entry name cannot be decoded: " + e.getMessage());
        }
    }

    void scanGzip(ArchiveScan scan, InputStream in) throws IOException {
        scan.format = "gzip";
        LimitedInputStream.Counting counting = new LimitedInputStream.Counting(in);
        GZIPInputStream gzip = new GZIPInputStream(counting, 8192);
        LimitedInputStream payload = new LimitedInputStream(gzip, limits, scan.budget, Long.MAX_VALUE, counting::count);
        byte[] head = payload.readNBytes(ArchiveScanner.HEAD);
        if (TarReader.looksLikeTar(head, head.length)) {
            scan.format = "tar+gzip";
            scanTar(scan, ArchiveScanner.concat(head, payload), true);
        } else {
            scan.entries = 1;
            scan.skipped = 1; // a single gzip-compressed file: not an archive abilint reads into
        }
    }

    /** @param inflatedAbove whether the tar stream's bytes are already counted (by the gzip layer) */
    void scanTar(ArchiveScan scan, InputStream in, boolean inflatedAbove) throws IOException {
        scan.tar = true;
        if (scan.format == null) {
            scan.format = "tar";
        }
        Budget budget = inflatedAbove ? new Budget(Long.MAX_VALUE) : scan.budget;
        TarReader tar = new TarReader(in);
        TarReader.Entry entry;
        while ((entry = tar.next()) != null) {
            if (!entry.isFile()) {
                if (!scanner.countEntry(scan, entry.name(), -1)) {
                    return;
                }
                continue;
            }
            if (!scanner.entry(scan, entry.name(), tar.entryStream(), null, false, -1, budget)) {
                return;
            }
        }
    }

    private static boolean endsWithZipEnd(byte[] b) {
        for (int i = b.length - 22; i >= 0; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                int comment = (b[i + 20] & 0xff) | (b[i + 21] & 0xff) << 8;
                if (i + 22 + comment == b.length) {
                    return true;
                }
            }
        }
        return false;
    }
}
