package cniadvisor.batch;

import static cniadvisor.testing.Fixtures.advisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cniadvisor.deploy.Deployments;
import cniadvisor.io.BatchInputFormat;
import cniadvisor.io.InputException;
import cniadvisor.io.RequestReader;
import cniadvisor.io.RequestStream;
import cniadvisor.ipplan.FleetAllocator;
import cniadvisor.model.AddressSpace;
import cniadvisor.model.Advice;
import cniadvisor.model.NamedRequest;
import cniadvisor.model.Recommendation;
import cniadvisor.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch makes an allocated request's deployment by replacing the ranges that changed
 * ({@link Deployments#withRanges}), not by making it again: for every bundled request, under pools that move its
 * subnets, its service CIDR or nothing, that gives exactly what making it again from the allocated plan gives.
 */
class AllocationReplanTest {

    /** Every bundled request: the request examples and the batch examples. */
    private static List<NamedRequest> bundled() throws IOException {
        List<NamedRequest> requests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.EXAMPLES.resolve("requests"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    requests.add(RequestReader.read(file, InputStream.nullInputStream(), Fixtures.binder()));
                } catch (InputException e) {
                    // an example of a bad request: nothing to allocate
                }
            }
        }
        for (String batch : List.of("teams.csv", "teams.jsonl", "teams.yaml")) {
            Path file = Fixtures.EXAMPLES.resolve("batch").resolve(batch);
            try (RequestStream stream = RequestStream.open(batch, Files.newInputStream(file),
                    BatchInputFormat.ofFileName(batch).orElseThrow(), Fixtures.binder())) {
                while (stream.hasNext()) {
                    try {
                        requests.add(stream.next().bind(Fixtures.binder()));
                    } catch (InputException e) {
                        // an invalid row
                    }
                }
            }
        }
        return requests;
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "10.20.0.0/16,10.40.0.0/16", "172.16.0.0/12", "10.20.0.0/24"})
    void replacingTheChangedRangesGivesWhatMakingTheDeploymentAgainGives(String pools) throws IOException {
        List<NamedRequest> requests = bundled();
        FleetAllocator fleet = new FleetAllocator(new AddressSpace(List.of(pools.split(",")), List.of()),
                advisor().planner(), BatchConfig.DEFAULT_HEADROOM);
        requests.forEach(r -> fleet.reserveGiven(r.request()));
        int changed = 0;
        for (NamedRequest request : requests) {
            Advice advice = advisor().advise(request, Fixtures.AS_OF);
            if (!advice.hasRecommendation()) {
                continue;
            }
            FleetAllocator.Allocation allocation = fleet.allocate(request.request(), advice.addressPlan(),
                    advice.recommendation().option());
            Recommendation fast = Deployments.withRanges(advice.recommendation(), allocation.replaced());
            Recommendation again = advisor().withPlan(request.name(), request.request(), advice, allocation.plan())
                    .recommendation();
            assertEquals(again, fast, request.name() + " with " + allocation.replaced());
            changed += allocation.changed() ? 1 : 0;
        }
        assertTrue(changed > 0, "some request's ranges changed under " + pools);
    }
}
