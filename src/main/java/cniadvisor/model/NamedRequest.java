package cniadvisor.model;

import java.util.Objects;

/**
 * A request and the name it goes by. The name labels the advice and reports, and names the cluster in the
 * deployment steps; it stays out of the {@link Request} the rules match, so two requests that differ only in name
 * are the same fact and get the same advice under their own names.
 */
public record NamedRequest(String name, Request request) {

    public NamedRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
    }
}
