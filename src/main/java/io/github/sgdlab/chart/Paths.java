package io.github.sgdlab.chart;

import io.github.sgdlab.linear.Theta;

import java.util.ArrayList;
import java.util.List;

/** θ paths as the coordinate arrays XChart takes. */
final class Paths {

    private Paths() {}

    /**
     * The θ0 and θ1 of each point.
     *
     * @param points the path
     * @return {θ0s, θ1s}
     */
    static double[][] coordinates(List<Theta> points) {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int k = 0; k < points.size(); k++) {
            xs[k] = points.get(k).get(0);
            ys[k] = points.get(k).get(1);
        }
        return new double[][] {xs, ys};
    }

    /**
     * The epochs' paths joined into one, each epoch's first point (the previous epoch's last)
     * kept once.
     *
     * @param epochs the paths of the epochs, each starting where the one before ended
     * @return the whole path
     */
    static List<Theta> joined(List<List<Theta>> epochs) {
        List<Theta> all = new ArrayList<>();
        for (List<Theta> epoch : epochs) {
            all.addAll(all.isEmpty() ? epoch : epoch.subList(1, epoch.size()));
        }
        return all;
    }
}
