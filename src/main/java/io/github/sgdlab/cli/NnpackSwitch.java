package io.github.sgdlab.cli;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.file.Path;

/**
 * Keeps libtorch from printing "Could not initialize NNPACK! Reason: Unsupported hardware." on
 * every convolution where NNPACK cannot run (a CPU without AVX2 and FMA3, some VMs, Rosetta).
 *
 * <p>Why it prints at all: libtorch 2.7.1's {@code at::native::_nnpack_available()} initialises
 * NNPACK once but logs the failure on every call, and every CPU convolution asks it (forward and
 * backward: two lines per convolution layer per sample in a per-sample loop). It asks only after
 * {@code at::globalContext().userEnabledNNPACK()}, which DJL has no call for, so this class calls
 * libtorch's exported C++ symbols through JNA: it asks {@code nnp_initialize()} itself (which
 * logs nothing) and, if NNPACK is unavailable, sets {@code setUserEnabledNNPACK(false)}. Where
 * NNPACK works nothing changes; where it does not, it was never used, so no result changes
 * either. {@code TORCH_CPP_LOG_LEVEL} does not help: DJL never calls {@code c10::initLogging},
 * which is what reads it.
 */
final class NnpackSwitch {

    /** {@code nnp_status_success} in nnpack.h. */
    private static final int NNP_STATUS_SUCCESS = 0;

    private NnpackSwitch() {}

    /**
     * Turns NNPACK off in libtorch if it cannot initialise here. Call it after the engine loaded.
     * Never throws: on a platform or libtorch build without these symbols it does nothing.
     *
     * @return true if NNPACK was unavailable and is now switched off
     */
    static boolean disableWhereUnsupported() {
        if (!Platform.isLinux() && !Platform.isMac()) {
            return false; // libtorch is built without NNPACK on Windows
        }
        try {
            if (isAvailable()) {
                return false;
            }
            setUserEnabled(false);
            return !isUserEnabled();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether NNPACK initialises here, asked as libtorch asks it.
     *
     * @return true if {@code nnp_initialize()} succeeds
     */
    static boolean isAvailable() {
        return nnpInitialize(torchCpu()) == NNP_STATUS_SUCCESS;
    }

    /**
     * Sets libtorch's {@code at::globalContext().setUserEnabledNNPACK(enabled)}.
     *
     * @param enabled whether convolutions may ask for NNPACK
     */
    static void setUserEnabled(boolean enabled) {
        NativeLibrary torch = torchCpu();
        torch.getFunction("_ZN2at7Context20setUserEnabledNNPACKEb")
                .invokeVoid(new Object[] {context(torch), enabled});
    }

    /**
     * Whether libtorch's {@code at::globalContext().userEnabledNNPACK()} is true.
     *
     * @return the flag
     */
    static boolean isUserEnabled() {
        NativeLibrary torch = torchCpu();
        Function getter = torch.getFunction("_ZNK2at7Context17userEnabledNNPACKEv");
        // A C++ bool comes back in the low byte of the return register.
        return (getter.invokeInt(new Object[] {context(torch)}) & 0xff) != 0;
    }

    /** {@code &at::globalContext()}: the {@code this} of the Context member functions. */
    private static Pointer context(NativeLibrary torch) {
        return torch.getFunction("_ZN2at13globalContextEv").invokePointer(new Object[0]);
    }

    /** The libtorch_cpu DJL loaded: opening it again returns the same, already loaded library. */
    private static NativeLibrary torchCpu() {
        String file = System.mapLibraryName("torch_cpu");
        return NativeLibrary.getInstance(Path.of(LibUtils.getLibtorchPath()).resolve(file)
                .toString());
    }

    /**
     * {@code nnp_initialize()} as libtorch's own call resolves it: the process's global scope
     * first (where a preloaded library, such as the bench's simulation of unsupported hardware,
     * interposes), then libtorch's own. It is idempotent and logs nothing.
     */
    private static int nnpInitialize(NativeLibrary torch) {
        Function initialize;
        try {
            initialize = NativeLibrary.getProcess().getFunction("nnp_initialize");
        } catch (UnsatisfiedLinkError e) {
            initialize = torch.getFunction("nnp_initialize");
        }
        return initialize.invokeInt(new Object[0]);
    }
}
