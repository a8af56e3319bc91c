package cniadvisor.model;

import java.util.List;

/** A piece of platform knowledge that carries the ids of the sources it was taken from. */
public interface Cited {
    List<String> sources();
}
