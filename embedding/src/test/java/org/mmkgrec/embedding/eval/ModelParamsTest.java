package org.mmkgrec.embedding.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmkgrec.embedding.gat.CrmMan;
import org.mmkgrec.embedding.kg.Mkgat;
import org.mmkgrec.embedding.nn.Losses;

class ModelParamsTest {

    @Test
    void overridesTheNamedFieldsAndKeepsTheRest() {
        ModelParams p = ModelParams.parse(List.of("mkgat.batchSize=4096", "mkgat.learningRate=0.01", "mkgat.loss=bce",
                "crm-man.negatives=32"));
        Mkgat.Config m = p.apply("mkgat", Mkgat.Config.defaults(7));
        assertThat(m.batchSize()).isEqualTo(4096);
        assertThat(m.learningRate()).isEqualTo(0.01f);
        assertThat(m.loss()).isEqualTo(Losses.Kind.BCE);
        assertThat(m.epochs()).isEqualTo(Mkgat.Config.defaults(7).epochs());
        assertThat(m.seed()).isEqualTo(7);
        assertThat(p.apply("crm-man", CrmMan.Config.defaults(7)).negatives()).isEqualTo(32);
        // no overrides: the very same defaults
        Mkgat.Config defaults = Mkgat.Config.defaults(1);
        assertThat(ModelParams.NONE.apply("mkgat", defaults)).isSameAs(defaults);
    }

    @Test
    void badParametersNameWhatIsValid() {
        assertThatThrownBy(() -> ModelParams.parse(List.of("epochs=3"))).hasMessageContaining("<model>.<name>=<value>");
        assertThatThrownBy(() -> ModelParams.parse(List.of("kgat.epochs=3"))).hasMessageContaining("unknown model `kgat`");
        ModelParams p = ModelParams.parse(List.of("mkgat.epoch=3"));
        assertThatThrownBy(() -> p.apply("mkgat", Mkgat.Config.defaults(1)))
                .hasMessageContaining("unknown parameter `mkgat.epoch`").hasMessageContaining("epochs, batchSize");
        assertThatThrownBy(() -> ModelParams.parse(List.of("mkgat.epochs=many")).apply("mkgat", Mkgat.Config.defaults(1)))
                .hasMessageContaining("`mkgat.epochs` must be of type int, was `many`");
        assertThatThrownBy(() -> ModelParams.parse(List.of("mkgat.epochs=0")).apply("mkgat", Mkgat.Config.defaults(1)))
                .hasMessageContaining("mkgat parameters");
        assertThatThrownBy(() -> ModelParams.parse(List.of("mkgat.loss=hinge")).apply("mkgat", Mkgat.Config.defaults(1)))
                .hasMessageContaining("one of [bpr, bce, softmax]");
        assertThatThrownBy(() -> ModelParams.parse(List.of("pop.k=3")).noneFor("pop")).hasMessageContaining("takes no parameters");
    }
}
