package org.layercanvas.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import java.util.Locale;

/**
 * Where a run trains, from the {@code device} setting: {@code cpu}, {@code gpu}, or {@code auto} (a
 * GPU when the PyTorch library in use was built with CUDA and sees one, else the CPU). The default
 * build bundles the CPU library, so a GPU is used only with a CUDA library (README, "Training on a GPU").
 */
public final class Hardware {
    private Hardware() {
    }

    /** Returns the device the setting asks for, given whether a GPU can be used. */
    static Device choose(String setting, boolean gpuUsable) throws LaunchException {
        return switch (setting) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (!gpuUsable) {
                    throw new LaunchException(Readiness.Cause.SETTINGS, noGpu());
                }
                yield Device.gpu();
            }
            default -> gpuUsable ? Device.gpu() : Device.cpu();
        };
    }

    /** Returns the device the setting asks for on this machine, loading the native library. */
    public static Device device(String setting) throws LaunchException {
        return choose(setting, gpuUsable());
    }

    /**
     * Refuses {@code device: gpu} before a run folder is made, when no GPU can be used; the other
     * settings always find a device. Loads the native library only for {@code gpu}.
     */
    static void check(TrainingSettings settings) throws LaunchException {
        if (settings.device().equals("gpu")) {
            choose("gpu", gpuUsable());
        }
    }

    /** Returns whether the PyTorch library in use has CUDA and sees a GPU. */
    static boolean gpuUsable() {
        Engine engine = Engine.getEngine("PyTorch");
        return engine.hasCapability(StandardCapabilities.CUDA) && engine.getGpuCount() > 0;
    }

    /** Returns the device's name as a run reports it: {@code cpu}, or {@code gpu 0} for the first GPU. */
    public static String name(Device device) {
        return device.isGpu() ? "gpu " + device.getDeviceId() : "cpu";
    }

    /**
     * Returns the kernels a run on {@code device} uses, as a person would look them up: for the CPU,
     * oneDNN and the instruction set the kernel check allowed; for a GPU, the CUDA version.
     */
    public static String kernels(Device device) {
        if (device.isGpu()) {
            return "CUDA " + CudaUtils.getCudaVersionString();
        }
        String isa = System.getenv("ONEDNN_MAX_CPU_ISA");
        return "oneDNN " + (isa == null ? "without a limit" : isa.toUpperCase(Locale.ROOT));
    }

    private static String noGpu() {
        String library = Engine.getEngine("PyTorch").hasCapability(StandardCapabilities.CUDA)
                ? "the PyTorch library has CUDA but sees no GPU"
                : "the PyTorch library in use is the CPU build bundled with LayerCanvas";
        return "training.device: gpu, but no GPU can be used (" + library + "); set the device to auto or cpu,"
                + " or see README, \"Training on a GPU\"";
    }
}
