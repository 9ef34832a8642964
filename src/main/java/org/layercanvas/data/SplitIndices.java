package org.layercanvas.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which samples train and which validate: a seeded shuffle, stratified per class so that a rare
 * class is not left out of validation by bad luck.
 *
 * @param train indices of the training samples, in shuffled order
 * @param validation indices of the validation samples, in shuffled order
 */
record SplitIndices(int[] train, int[] validation) {

    /**
     * Splits {@code all} so that about {@code fraction} of it validates; the same seed always gives
     * the same split. Needs at least two samples, and leaves at least one on each side.
     */
    static SplitIndices of(Examples all, double fraction, long seed) {
        int n = all.size();
        if (n < 2) {
            throw new IllegalArgumentException(n + " samples cannot be split");
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction " + fraction);
        }
        Random random = new Random(seed);
        List<List<Integer>> groups = groups(all);
        for (List<Integer> group : groups) {
            Collections.shuffle(group, random);
        }
        int[] quotas = quotas(groups, n, fraction);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> group = groups.get(g);
            validation.addAll(group.subList(0, quotas[g]));
            train.addAll(group.subList(quotas[g], group.size()));
        }
        // Groups were appended class after class; mixing them keeps a batch from holding one class.
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        return new SplitIndices(toArray(train), toArray(validation));
    }

    private static List<List<Integer>> groups(Examples all) {
        List<List<Integer>> groups = new ArrayList<>();
        if (all.kind() == TargetKind.CLASSES) {
            for (int c = 0; c < all.classCount(); c++) {
                groups.add(new ArrayList<>());
            }
            float[] targets = all.targets();
            for (int i = 0; i < targets.length; i++) {
                groups.get((int) targets[i]).add(i);
            }
        } else {
            List<Integer> everything = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                everything.add(i);
            }
            groups.add(everything);
        }
        return groups;
    }

    /** Largest-remainder shares, so the class quotas add up to the rounded overall count. */
    private static int[] quotas(List<List<Integer>> groups, int n, double fraction) {
        int wanted = (int) Math.max(1, Math.min(n - 1, Math.round(n * fraction)));
        int[] quotas = new int[groups.size()];
        double[] remainders = new double[groups.size()];
        int given = 0;
        for (int g = 0; g < groups.size(); g++) {
            double exact = groups.get(g).size() * fraction;
            quotas[g] = (int) Math.floor(exact);
            remainders[g] = exact - quotas[g];
            given += quotas[g];
        }
        while (given < wanted) {
            int best = -1;
            for (int g = 0; g < groups.size(); g++) {
                boolean room = quotas[g] < groups.get(g).size();
                if (room && (best < 0 || remainders[g] > remainders[best])) {
                    best = g;
                }
            }
            quotas[best]++;
            remainders[best] -= 1;
            given++;
        }
        return quotas;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
