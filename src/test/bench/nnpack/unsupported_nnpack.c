/*
 * Simulates a CPU that NNPACK does not support (no AVX2/FMA3, some VMs, Rosetta): preloaded with
 * LD_PRELOAD, this nnp_initialize() interposes on the one libtorch_cpu.so exports (libtorch calls
 * it through its PLT) and answers nnp_status_unsupported_hardware (51 in nnpack.h), as the real
 * one does on such hardware. Build: gcc -shared -fPIC -o /tmp/unsupported_nnpack.so this file.
 */
int nnp_initialize(void) {
    return 51;
}
