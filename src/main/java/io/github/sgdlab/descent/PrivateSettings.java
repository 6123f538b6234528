package io.github.sgdlab.descent;

import java.util.Locale;

/**
 * The privacy settings of a DP-SGD descent: Opacus's clipping norm C and noise multiplier σ, the
 * δ at which ε is reported, and the accountant that reports it. Immutable.
 *
 * @param clip C, the per-sample clipping norm, positive and finite
 * @param noise σ, the noise multiplier (noise std σC on the clipped sum), at least 0
 * @param delta δ, in (0, 1)
 * @param accountant {@code rdp} or {@code prv}
 */
public record PrivateSettings(double clip, double noise, double delta, String accountant) {

    /** The default δ: 1e-5, well below 1/n for the lab's data sets (n = 40 in the notebook). */
    public static final double DEFAULT_DELTA = 1e-5;

    /** The default accountant, as {@code privacy epsilon}'s: {@code prv}. */
    public static final String DEFAULT_ACCOUNTANT = "prv";

    /**
     * Validates the settings.
     *
     * @param clip C
     * @param noise σ
     * @param delta δ
     * @param accountant rdp or prv
     * @throws InvalidSettingException naming the setting that is out of range
     * @throws IllegalArgumentException for an accountant other than rdp or prv
     */
    public PrivateSettings {
        if (!(clip > 0) || !Double.isFinite(clip)) {
            throw new InvalidSettingException(InvalidSettingException.Setting.CLIP,
                    "must be a positive finite number, got " + clip);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new InvalidSettingException(InvalidSettingException.Setting.NOISE,
                    "must be a finite number >= 0, got " + noise);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new InvalidSettingException(InvalidSettingException.Setting.DELTA,
                    "must be in (0, 1), got " + delta);
        }
        String name = accountant == null ? "" : accountant.toLowerCase(Locale.ROOT);
        if (!name.equals("rdp") && !name.equals("prv")) {
            throw new IllegalArgumentException("unknown accountant '" + accountant
                    + "': expected rdp or prv");
        }
        accountant = name;
    }
}
