package org.layercanvas.export;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.layercanvas.data.DataSplits;

/** Writes the {@code README.md} of a PyTorch export: what is there, how to load it and how to train. */
final class PyTorchReadme {
    private static final int LISTED_VALUES = 16;

    private PyTorchReadme() {
    }

    /**
     * Returns the readme's text.
     *
     * @param verified a sentence on how the export was checked
     */
    static String of(TrainedRun run, PyTorchGraph model, DataSplits data, String verified) {
        String cls = model.className();
        String shape = IntStream.of(model.inputSampleShape()).mapToObj(String::valueOf)
                .collect(Collectors.joining(", "));
        return """
                # %1$s — PyTorch export

                Exported by LayerCanvas from the run `%2$s`. Needs only PyTorch (1.13 or newer).

                | file | what |
                | --- | --- |
                | `model.py` | the design as `%3$s(nn.Module)`: one attribute per node, named as in the design%9$s |
                | `weights.pt` | the trained weights, the module's state dict (`torch.save` format) |
                | `train.py` | trains the design again with the run's settings, on one process or several (DDP) |
                | `data.pt` | the run's training (%4$d) and validation (%5$d) samples, normalized as trained on |

                %6$s

                ## Predict

                ```python
                import torch
                from model import %3$s

                model = %3$s()
                model.load_state_dict(torch.load("weights.pt", weights_only=True))
                model.eval()
                with torch.no_grad():
                    outputs = model(x)  # x: a float tensor of shape (N, %7$s)
                ```

                The model returns raw outputs: logits for classification (`CLASS_NAMES` in model.py names
                them). Inputs must be normalized as in training: %8$s.

                ## Train

                ```
                python3 train.py                           # one process; --epochs N to change the epochs
                torchrun --nproc_per_node=2 train.py       # DistributedDataParallel, gloo, on CPU
                ```

                `train.py` reads `MASTER_ADDR`, `MASTER_PORT`, `WORLD_SIZE`, `RANK` and `LOCAL_RANK` as torchrun sets
                them; where torchrun does not work (Debian's 1.13 on Python 3.11), start each process yourself, e.g.
                `MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2 RANK=0 LOCAL_RANK=0 python3 train.py` and the
                same with `RANK=1 LOCAL_RANK=1`. The batch size is the global one, split over the processes. Rank 0
                prints one line per epoch and saves `trained.pt`.
                """.formatted(run.design().name(), run.folder().dir().getFileName(), cls, data.train().size(),
                data.validation().size(), verified, shape, normalization(run), model.groups().isEmpty() ? ""
                        : "; a block's layers inside a module of the block's name, its copies numbered from 1");
    }

    /** Says in words what data.json records of the normalization: {@code (raw * scale - mean) / std}. */
    private static String normalization(TrainedRun run) {
        if (!(run.data().get("normalization") instanceof Map<?, ?> norm)) {
            return "see the run's data.json";
        }
        Object scale = norm.get("scale");
        String mean = values(norm.get("mean"));
        String std = values(norm.get("std"));
        StringBuilder b = new StringBuilder("`(raw * scale - mean) / std` with scale ").append(scale);
        b.append(mean.isEmpty() ? ", no mean" : ", mean " + mean);
        b.append(std.isEmpty() ? " and no std" : " and std " + std);
        return b.append(" (per feature where there are several)").toString();
    }

    private static String values(Object list) {
        if (!(list instanceof List<?> values) || values.isEmpty()) {
            return "";
        }
        if (values.size() > LISTED_VALUES) {
            return "(" + values.size() + " values, in the run's data.json)";
        }
        return values.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
