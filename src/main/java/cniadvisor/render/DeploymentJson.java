package cniadvisor.render;

import cniadvisor.io.Mappers;

import cniadvisor.model.Recommendation;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;

/**
 * The JSON and YAML mappers for advice: {@link Mappers}' with the recommendation written as
 * {@code option, title, dataplane, networkPolicy, azCli, deployment, network}, where {@code azCli} is the bash block
 * that {@link AzCliCommand#script} renders from the deployment's steps, and {@code deployment} the steps themselves.
 */
final class DeploymentJson {

    static final ObjectMapper JSON = Mappers.JSON.copy().registerModule(module());
    static final ObjectMapper YAML = yaml();

    private DeploymentJson() {
    }

    /** Strings that look like numbers ("250", a flag's value) stay strings in YAML, as they are in JSON. */
    @SuppressWarnings("deprecation")
    private static ObjectMapper yaml() {
        ObjectMapper yaml = Mappers.YAML.copy().registerModule(module());
        ((YAMLFactory) yaml.getFactory()).configure(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS, true);
        return yaml;
    }

    private static SimpleModule module() {
        return new SimpleModule("cni-advisor-deployment").addSerializer(Recommendation.class,
                new StdSerializer<>(Recommendation.class) {
                    @Override
                    public void serialize(Recommendation rec, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeStartObject();
                        gen.writeStringField("option", rec.option());
                        gen.writeStringField("title", rec.title());
                        gen.writeStringField("dataplane", rec.dataplane());
                        gen.writeStringField("networkPolicy", rec.networkPolicy());
                        gen.writeStringField("azCli", AzCliCommand.script(rec.deployment()));
                        provider.defaultSerializeField("deployment", rec.deployment(), gen);
                        provider.defaultSerializeField("network", rec.network(), gen);
                        gen.writeEndObject();
                    }
                });
    }
}
