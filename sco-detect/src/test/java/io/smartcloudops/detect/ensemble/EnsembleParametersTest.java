package io.smartcloudops.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcloudops.api.spi.ProviderConfig;
import io.smartcloudops.detect.forest.ForestParameters;
import io.smartcloudops.detect.svm.SvmParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnsembleParametersTest {

    @Test
    void theForestMemberKeepsItsOwnDefaultsWhateverTheStandAloneForestUses() {
        ForestParameters member =
                EnsembleParameters.from(ProviderConfig.of(Map.of())).forest();
        assertThat(member).isEqualTo(EnsembleParameters.MEMBER_FOREST).isNotEqualTo(ForestParameters.defaults());
        assertThat(member.rebuildEvery())
                .isGreaterThan(ForestParameters.defaults().rebuildEvery());
        assertThat(EnsembleParameters.from(ProviderConfig.of(Map.of())).svm()).isEqualTo(SvmParameters.defaults());
    }

    @Test
    void configuredForestKeysOverrideOnlyThemselves() {
        ForestParameters member = EnsembleParameters.from(ProviderConfig.of(Map.of("iforest", Map.of("trees", 12))))
                .forest();
        assertThat(member.trees()).isEqualTo(12);
        assertThat(member.rebuildEvery()).isEqualTo(EnsembleParameters.MEMBER_FOREST.rebuildEvery());
    }
}
