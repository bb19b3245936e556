package dev.abilint.format.python;

import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.ModuleSlot;
import dev.abilint.model.PythonFacts;
import dev.abilint.model.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds a module's {@code PyModuleDef} in the binary's data and reads its {@code PyModuleDef_Slot} array,
 * without disassembling the init function. The anchor is {@code m_name}: a pointer to the module's name
 * (or a dotted name ending in it). Around it the definition's layout must hold: the four words before it
 * ({@code ob_type}, {@code m_init}, {@code m_index}, {@code m_copy} of {@code PyModuleDef_HEAD_INIT}) are
 * zero with no relocation, {@code m_size} is a plausible size, and {@code m_doc}, {@code m_methods},
 * {@code m_slots}, {@code m_traverse}, {@code m_clear}, {@code m_free} are each NULL or a pointer. The slot
 * array must then read as known slot ids with values of the right kind, ending in {@code {0, NULL}} within
 * {@link #MAX_SLOTS} entries. Anything else, or two definitions that disagree, is "not known": a rule never
 * warns from a guess. Slot numbers and values are CPython's {@code Include/moduleobject.h} (3.15 main).
 */
public final class ModuleDefFinder {
    /** Most slot entries read; CPython defines 13 slot ids and a module repeats only Py_mod_exec. */
    static final int MAX_SLOTS = 64;
    /** Most words examined as a possible m_name pointer. */
    static final int MAX_WORDS = 32_000_000;
    /** Longest m_name compared. */
    private static final int MAX_NAME = 512;

    static final int PY_MOD_CREATE = 1;
    static final int PY_MOD_EXEC = 2;
    static final int PY_MOD_MULTIPLE_INTERPRETERS = 3;
    static final int PY_MOD_GIL = 4;
    static final int PY_MOD_STATE_SIZE = 8;
    private static final String[] SLOT_NAMES = {null, "Py_mod_create", "Py_mod_exec",
        "Py_mod_multiple_interpreters", "Py_mod_gil", "Py_mod_abi", "Py_mod_name", "Py_mod_doc",
        "Py_mod_state_size", "Py_mod_methods", "Py_mod_state_traverse", "Py_mod_state_clear",
        "Py_mod_state_free", "Py_mod_token"};

    private ModuleDefFinder() {}

    /** What was found about one definition. */
    record Def(String name, List<ModuleSlot> slots, boolean slotsReadable) {}

    /**
     * The module facts of a binary that exports {@code PyInit_<module>}: the definition from its data where
     * {@code image} is given, the rest from its imports. Never throws: damage means "not known".
     */
    public static PythonFacts facts(Binary binary, String module, LoadedImage image) {
        Set<String> imports = new TreeSet<>();
        for (Symbol s : binary.getImports()) {
            imports.add(s.name());
        }
        boolean multiPhase = imports.contains("PyModuleDef_Init") || imports.contains("PyModule_FromDefAndSpec2");
        boolean create = imports.contains("PyModule_Create2") || imports.contains("PyModule_Create2TraceRefs");
        String init = multiPhase ? "multi-phase" : create ? "single-phase" : "unknown";

        String defStatus = "not-found";
        Def def = null;
        if (image != null) {
            try {
                List<Def> found = find(image, module);
                if (found.size() == 1) {
                    def = found.get(0);
                    defStatus = def.slotsReadable() ? "read" : "unreadable";
                } else if (found.size() > 1) {
                    defStatus = "ambiguous";
                }
            } catch (MalformedBinaryException | RuntimeException e) {
                defStatus = "not-found";
            }
        }
        List<ModuleSlot> slots = def != null && def.slotsReadable() ? def.slots() : null;

        String gil = null;
        String gilBy = null;
        if (imports.contains("PyUnstable_Module_SetGIL")) {
            gil = "not-used";
            gilBy = "PyUnstable_Module_SetGIL";
        } else if (multiPhase && "read".equals(defStatus)) {
            gil = "used";
            gilBy = "default";
            for (ModuleSlot s : slots) {
                if (s.id() == PY_MOD_GIL) {
                    gilBy = "Py_mod_gil";
                    gil = switch (s.value()) {
                        case "Py_MOD_GIL_NOT_USED" -> "not-used";
                        case "Py_MOD_GIL_USED" -> "used";
                        default -> null;
                    };
                }
            }
        } else if (init.equals("single-phase")) {
            gil = "used";
            gilBy = "default";
        }

        String subinterpreters = null;
        if (init.equals("single-phase")) {
            subinterpreters = "not-supported";
        } else if (multiPhase && "read".equals(defStatus)) {
            subinterpreters = "shared-gil";
            for (ModuleSlot s : slots) {
                if (s.id() == PY_MOD_MULTIPLE_INTERPRETERS) {
                    subinterpreters = switch (s.value()) {
                        case "Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED" -> "not-supported";
                        case "Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED" -> "shared-gil";
                        case "Py_MOD_PER_INTERPRETER_GIL_SUPPORTED" -> "per-interpreter-gil";
                        default -> null;
                    };
                }
            }
        }

        List<String> gilApis = new ArrayList<>();
        for (String name : imports) {
            if (GIL_APIS.contains(name)) {
                gilApis.add(name);
            }
        }
        boolean releases = imports.contains("PyEval_SaveThread") || imports.contains("PyEval_ReleaseThread");
        Map<String, List<String>> allocators = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> family : ALLOCATORS.entrySet()) {
            List<String> used = new ArrayList<>();
            for (String name : family.getValue()) {
                if (imports.contains(name)) {
                    used.add(name);
                }
            }
            if (!used.isEmpty()) {
                allocators.put(family.getKey(), used);
            }
        }
        boolean staticTypes = imports.contains("PyType_Ready");
        boolean heapTypes = imports.contains("PyType_FromSpec") || imports.contains("PyType_FromSpecWithBases")
                || imports.contains("PyType_FromModuleAndSpec") || imports.contains("PyType_FromMetaclass");
        String types = staticTypes && heapTypes ? "static-and-heap" : staticTypes ? "static" : heapTypes ? "heap" : null;
        return new PythonFacts(module, init, defStatus, def == null ? null : def.name(), slots, gil, gilBy,
                subinterpreters, releases, List.copyOf(gilApis), allocators, types);
    }

    private static final Set<String> GIL_APIS = Set.of("PyEval_SaveThread", "PyEval_RestoreThread",
            "PyEval_AcquireThread", "PyEval_ReleaseThread", "PyGILState_Ensure", "PyGILState_Release",
            "PyGILState_Check", "PyGILState_GetThisThreadState", "PyThreadState_Swap", "PyEval_InitThreads",
            "PyEval_AcquireLock", "PyEval_ReleaseLock");

    /** Allocator families, in the order they are listed; the C library's names are the same on every platform. */
    private static final Map<String, Set<String>> ALLOCATORS = new LinkedHashMap<>();

    static {
        ALLOCATORS.put("PyMem_Raw", new java.util.LinkedHashSet<>(List.of("PyMem_RawMalloc", "PyMem_RawCalloc",
                "PyMem_RawRealloc", "PyMem_RawFree")));
        ALLOCATORS.put("PyMem", new java.util.LinkedHashSet<>(List.of("PyMem_Malloc", "PyMem_Calloc",
                "PyMem_Realloc", "PyMem_Free")));
        ALLOCATORS.put("PyObject", new java.util.LinkedHashSet<>(List.of("PyObject_Malloc", "PyObject_Calloc",
                "PyObject_Realloc", "PyObject_Free", "_PyObject_New", "_PyObject_NewVar", "PyObject_Init",
                "PyObject_InitVar")));
        ALLOCATORS.put("PyObject_GC", new java.util.LinkedHashSet<>(List.of("_PyObject_GC_New",
                "_PyObject_GC_NewVar", "PyObject_GC_Del", "PyUnstable_Object_GC_NewWithExtraData")));
        ALLOCATORS.put("malloc", new java.util.LinkedHashSet<>(List.of("malloc", "calloc", "realloc", "free",
                "posix_memalign", "aligned_alloc", "memalign", "_aligned_malloc", "_aligned_free")));
        ALLOCATORS.put("operator new", new java.util.LinkedHashSet<>(List.of("_Znwm", "_Znwj", "_Znam", "_Znaj",
                "_ZdlPv", "_ZdaPv", "??2@YAPEAX_K@Z", "??2@YAPAXI@Z", "??3@YAXPEAX@Z", "??3@YAXPAX@Z")));
    }

    /** Every definition whose m_name is the module's name; distinct results only. */
    static List<Def> find(LoadedImage image, String module) throws MalformedBinaryException {
        List<Def> out = new ArrayList<>();
        int[] examined = {0};
        MalformedBinaryException[] failure = {null};
        image.pointerWords(address -> {
            if (++examined[0] > MAX_WORDS) {
                return false;
            }
            try {
                long target = image.pointer(address);
                if (target < 0 || !namesModule(image, target, module)) {
                    return true;
                }
                Def def = definitionAt(image, address);
                if (def != null && !out.contains(def)) {
                    out.add(def);
                }
                return out.size() < 4;
            } catch (MalformedBinaryException e) {
                return true;
            }
        });
        return out;
    }

    private static boolean namesModule(LoadedImage image, long target, String module)
            throws MalformedBinaryException {
        long at = image.fileOffset(target, 1);
        if (at < 0) {
            return false;
        }
        // A cheap test first: the byte at the target starts the name or a dotted path.
        int first = image.data().u8(at);
        if (first != module.charAt(0) && !Character.isLetter(first) && first != '_') {
            return false;
        }
        long limit = Math.min(image.data().size(), at + MAX_NAME);
        String name = image.data().cstring(at, limit);
        return name.equals(module) || name.endsWith("." + module);
    }

    /** The definition whose m_name is at {@code nameAt}, or null when the layout does not hold. */
    private static Def definitionAt(LoadedImage image, long nameAt) throws MalformedBinaryException {
        int w = image.wordSize();
        for (int i = 1; i <= 4; i++) { // m_copy, m_index, m_init, ob_type
            if (!zero(image, nameAt - (long) i * w)) {
                return null;
            }
        }
        long sizeAt = nameAt + 2L * w;
        if (image.fixedUp(sizeAt)) {
            return null;
        }
        long size = image.raw(sizeAt);
        if (w == 4) {
            size = (int) size;
        }
        if (size < -1 || size > Integer.MAX_VALUE) {
            return null;
        }
        for (int field : new int[] {1, 3, 4, 5, 6, 7}) { // m_doc, m_methods, m_slots, m_traverse, m_clear, m_free
            long at = nameAt + (long) field * w;
            if (!zero(image, at) && image.pointer(at) == LoadedImage.NO_POINTER) {
                return null;
            }
        }
        long nameOffset = image.fileOffset(image.pointer(nameAt), 1);
        String name = image.data().cstring(nameOffset, Math.min(image.data().size(), nameOffset + MAX_NAME));
        long slotsAt = nameAt + 4L * w;
        if (zero(image, slotsAt)) {
            return new Def(name, List.of(), true);
        }
        long slots = image.pointer(slotsAt);
        if (slots < 0) {
            return new Def(name, null, false);
        }
        List<ModuleSlot> read = readSlots(image, slots);
        return read == null ? null : new Def(name, read, true);
    }

    /** NULL in the file and not written by the loader. */
    private static boolean zero(LoadedImage image, long address) throws MalformedBinaryException {
        return image.fileOffset(address, image.wordSize()) >= 0 && image.raw(address) == 0 && !image.fixedUp(address);
    }

    /** The slot array at {@code address}, or null when it does not read as one. */
    static List<ModuleSlot> readSlots(LoadedImage image, long address) throws MalformedBinaryException {
        int w = image.wordSize();
        List<ModuleSlot> out = new ArrayList<>();
        for (int i = 0; i < MAX_SLOTS; i++) {
            long entry = address + (long) i * 2 * w;
            long at = image.fileOffset(entry, 2L * w);
            if (at < 0) {
                // An all-zero array can sit in .bss: that is the terminator, and nothing after it is read.
                return image.zeroFilled(entry, 2L * w) ? out : null;
            }
            int id = image.data().s32(at);
            long valueAt = entry + w;
            long raw = image.raw(valueAt);
            if (id == 0) {
                return raw == 0 && !image.fixedUp(valueAt) ? out : null;
            }
            if (id < 0 || id >= SLOT_NAMES.length) {
                return null;
            }
            String value;
            if (id == PY_MOD_CREATE || id == PY_MOD_EXEC) {
                if (image.pointer(valueAt) == LoadedImage.NO_POINTER) {
                    return null; // a function slot without a function: not a slot array
                }
                value = "pointer";
            } else if (id == PY_MOD_GIL || id == PY_MOD_MULTIPLE_INTERPRETERS || id == PY_MOD_STATE_SIZE) {
                if (image.fixedUp(valueAt)) {
                    return null;
                }
                value = constant(id, raw);
            } else {
                value = raw == 0 && !image.fixedUp(valueAt) ? "NULL" : "pointer";
            }
            out.add(new ModuleSlot(id, SLOT_NAMES[id], value));
        }
        return null;
    }

    private static String constant(int id, long raw) {
        if (id == PY_MOD_GIL) {
            return raw == 0 ? "Py_MOD_GIL_USED" : raw == 1 ? "Py_MOD_GIL_NOT_USED" : "0x" + Long.toHexString(raw);
        }
        if (id == PY_MOD_STATE_SIZE) {
            return Long.toString(raw);
        }
        return switch ((int) Math.min(raw, 3)) {
            case 0 -> "Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED";
            case 1 -> "Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED";
            case 2 -> "Py_MOD_PER_INTERPRETER_GIL_SUPPORTED";
            default -> "0x" + Long.toHexString(raw);
        };
    }

    /** The module name a file's init function is for: {@code PyInit_<stem>} where exported, else the only one. */
    public static String moduleName(Binary binary) {
        String file = dev.abilint.model.Locations.fileName(binary.getPath());
        int dot = file.indexOf('.');
        String stem = dot < 0 ? file : file.substring(0, dot);
        String only = null;
        int count = 0;
        for (Symbol s : binary.getExports()) {
            if (s.name().startsWith("PyInit_") && s.name().length() > 7) {
                String name = s.name().substring(7);
                if (name.equals(stem)) {
                    return name;
                }
                only = name;
                count++;
            }
        }
        return count == 1 ? only : null;
    }

    /** Fills in {@link Binary#getPython()} for an extension module; a no-op for any other binary. */
    public static void attach(Binary binary, LoadedImage image) {
        String module = moduleName(binary);
        if (module != null && !module.isEmpty()) {
            binary.python(facts(binary, module, image));
        }
    }
}
