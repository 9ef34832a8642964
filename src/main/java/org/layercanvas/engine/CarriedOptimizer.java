package org.layercanvas.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.AdamW;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.optimizer.Sgd;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * DJL's own optimizer (Adam, AdamW, SGD with momentum), computing exactly what it computes, whose
 * state a checkpoint can carry: its moments by parameter position, and its count of updates.
 *
 * <p>DJL keeps the moments in private maps keyed by a parameter id that is new in every process, and
 * creates each one through the protected {@code withDefaultState} the first time a parameter is
 * updated. The subclasses here see every such map there, in the order the optimizer asks for them
 * (Adam: the means, then the variances; SGD: the momenta), fill a new entry from a checkpoint instead
 * of zeros, and read the maps back when a checkpoint is written. The count of updates goes back in
 * through the builder's {@code optBeginNumUpdate}.
 */
final class CarriedOptimizer {
    private final String kind;
    private final List<String> slotNames;
    private final Map<String, Integer> positions = new HashMap<>();
    private final int parameters;
    private final List<Map<String, Map<Device, NDArray>>> maps = new ArrayList<>();
    private final List<float[][]> restored = new ArrayList<>();
    private final Optimizer optimizer;

    /**
     * Builds the optimizer the settings name for the parameters of {@code block}.
     *
     * @param schedule the learning rate at each of the optimizer's updates
     * @param from the state to go on from, or {@code null} to start afresh; its slots must be the
     *     optimizer's own (see {@link #accepts})
     */
    CarriedOptimizer(TrainingSettings s, Tracker schedule, Block block, TrainingState from) {
        this.kind = s.optimizer();
        this.slotNames = slotNames(s);
        ParameterList all = block.getParameters();
        for (int i = 0; i < all.size(); i++) {
            positions.put(all.valueAt(i).getId(), i);
        }
        this.parameters = all.size();
        int updates = 0;
        if (from != null) {
            updates = from.updates();
            from.slots().forEach(slot -> restored.add(slot.values().clone()));
        }
        while (restored.size() < slotNames.size()) {
            restored.add(new float[parameters][]);
        }
        float decay = (float) s.weightDecay();
        this.optimizer = switch (kind) {
            case "sgd" -> new CarriedSgd(Optimizer.sgd().setLearningRateTracker(schedule)
                    .optMomentum((float) s.momentum()).optWeightDecays(decay).optBeginNumUpdate(updates), this);
            case "adamw" -> new CarriedAdamW(Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(decay)
                    .optBeginNumUpdate(updates), this);
            default -> new CarriedAdam(Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays(decay)
                    .optBeginNumUpdate(updates), this);
        };
    }

    /** Returns the names of the state the settings' optimizer keeps per parameter, in the order it asks for them. */
    static List<String> slotNames(TrainingSettings s) {
        return switch (s.optimizer()) {
            case "sgd" -> s.momentum() == 0 ? List.of() : List.of("momentum");
            default -> List.of("mean", "variance");
        };
    }

    /**
     * Returns whether a checkpoint's state can go on with these settings: the same optimizer, keeping
     * the same state, for as many parameters as the block has.
     */
    static boolean accepts(TrainingState state, TrainingSettings s, Block block) {
        List<String> names = state.slots().stream().map(TrainingState.Slot::name).toList();
        int size = block.getParameters().size();
        return state.optimizer().equals(s.optimizer()) && names.equals(slotNames(s))
                && state.slots().stream().allMatch(slot -> slot.values().length == size);
    }

    /** Returns the optimizer to train with. */
    Optimizer optimizer() {
        return optimizer;
    }

    /** Returns the optimizer's state by slot and parameter position, as a checkpoint keeps it. */
    List<TrainingState.Slot> slots() {
        List<TrainingState.Slot> slots = new ArrayList<>();
        for (int i = 0; i < slotNames.size(); i++) {
            // state restored but not used yet (a stop before the first step) is still the state
            float[][] values = restored.get(i).clone();
            if (i < maps.size()) {
                for (Map.Entry<String, Map<Device, NDArray>> e : maps.get(i).entrySet()) {
                    Integer position = positions.get(e.getKey());
                    if (position != null && !e.getValue().isEmpty()) {
                        values[position] = e.getValue().values().iterator().next().toFloatArray();
                    }
                }
            }
            slots.add(new TrainingState.Slot(slotNames.get(i), values));
        }
        return slots;
    }

    /** Returns how to create the state of {@code key} in {@code map}: from the checkpoint when it has it. */
    private Function<String, NDArray> initial(Map<String, Map<Device, NDArray>> map, String key,
            Function<String, NDArray> zeros) {
        int slot = slotOf(map);
        Integer position = positions.get(key);
        if (slot >= restored.size() || position == null || restored.get(slot)[position] == null) {
            return zeros;
        }
        return k -> {
            NDArray array = zeros.apply(k);
            float[] values = restored.get(slot)[position];
            if (values.length != array.size()) {
                throw new IllegalStateException("the checkpoint's " + slotNames.get(slot) + " of parameter "
                        + position + " has " + values.length + " values, the parameter " + array.size());
            }
            array.set(values);
            restored.get(slot)[position] = null;
            return array;
        };
    }

    private int slotOf(Map<String, Map<Device, NDArray>> map) {
        for (int i = 0; i < maps.size(); i++) {
            if (maps.get(i) == map) {
                return i;
            }
        }
        maps.add(map);
        return maps.size() - 1;
    }

    /** DJL's Adam, its moments carried. */
    private static final class CarriedAdam extends Adam {
        private final CarriedOptimizer carried;

        CarriedAdam(Adam.Builder builder, CarriedOptimizer carried) {
            super(builder);
            this.carried = carried;
        }

        @Override
        protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
                Function<String, NDArray> defaultFunction) {
            return super.withDefaultState(state, key, device, carried.initial(state, key, defaultFunction));
        }
    }

    /** DJL's AdamW, its moments carried. */
    private static final class CarriedAdamW extends AdamW {
        private final CarriedOptimizer carried;

        CarriedAdamW(AdamW.Builder builder, CarriedOptimizer carried) {
            super(builder);
            this.carried = carried;
        }

        @Override
        protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
                Function<String, NDArray> defaultFunction) {
            return super.withDefaultState(state, key, device, carried.initial(state, key, defaultFunction));
        }
    }

    /** DJL's SGD, its momenta carried. */
    private static final class CarriedSgd extends Sgd {
        private final CarriedOptimizer carried;

        CarriedSgd(Sgd.Builder builder, CarriedOptimizer carried) {
            super(builder);
            this.carried = carried;
        }

        @Override
        protected NDArray withDefaultState(Map<String, Map<Device, NDArray>> state, String key, Device device,
                Function<String, NDArray> defaultFunction) {
            return super.withDefaultState(state, key, device, carried.initial(state, key, defaultFunction));
        }
    }
}
