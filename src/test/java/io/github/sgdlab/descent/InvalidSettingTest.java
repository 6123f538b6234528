package io.github.sgdlab.descent;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.descent.InvalidSettingException.Setting;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The descent's settings are refused in the lab's words, the setting and its problem apart. */
class InvalidSettingTest {

    @Test
    @DisplayName("a refused setting is named by what it means, not by a command-line flag")
    void namesTheSetting() {
        InvalidSettingException lr = assertThrows(InvalidSettingException.class,
                () -> DescentConfig.builder().setLearningRate(-1).build());
        InvalidSettingException type = assertThrows(InvalidSettingException.class,
                () -> DescentConfig.builder().setLearningRate(0.1)
                        .optDataType(DataType.FLOAT16).build());
        assertAll(
                () -> assertEquals(Setting.LEARNING_RATE, lr.setting()),
                () -> assertEquals("must be positive and finite, got -1.0", lr.problem()),
                () -> assertEquals("learning rate must be positive and finite, got -1.0",
                        lr.getMessage()),
                () -> assertEquals(Setting.DATA_TYPE, type.setting()),
                () -> assertEquals("data type must be float64 or float32, got " + DataType.FLOAT16,
                        type.getMessage()));
    }
}
