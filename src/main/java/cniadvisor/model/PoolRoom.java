package cniadvisor.model;

/** How many more nodes of one pool a range still holds, beyond what the plan counts for it. */
public record PoolRoom(String pool, long moreNodes) {
}
