import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The stack's MongoDB-wire database: mongo-java-server on 127.0.0.1.
 *
 * <pre>java -cp 'lib/*:classes' LocalMongo &lt;port&gt; memory|h2 [file] --wire=&lt;N&gt;</pre>
 *
 * memory starts empty (the test profile); h2 keeps everything in one MVStore file (the dev profile).
 * --wire overrides the reported wire version: 1.47.0 reports 8 (MongoDB 4.2), and the Node driver 7.x
 * refuses anything below 9 (MongoDB 4.4). The version is read only by the handshake commands, so this
 * changes nothing in how commands are served.
 */
public final class LocalMongo {

    private record Version(List<Integer> getVersionArray, int getWireVersion) implements MongoVersion {
    }

    /** Wire version to the MongoDB release it stands for (the handshake's buildInfo.version). */
    private static List<Integer> releaseOf(int wire) {
        return switch (wire) {
            case 8 -> List.of(4, 2, 0);
            case 9 -> List.of(4, 4, 0);
            case 13 -> List.of(5, 0, 0);
            default -> throw new IllegalArgumentException("unsupported --wire=" + wire + " (use 8, 9 or 13)");
        };
    }

    public static void main(String[] args) {
        if (args.length < 2) usage();
        int port = Integer.parseInt(args[0]);
        String kind = args[1];
        String file = null;
        int wire = 9;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("--wire=")) wire = Integer.parseInt(args[i].substring("--wire=".length()));
            else if (file == null) file = args[i];
            else usage();
        }
        MongoBackend backend = switch (kind) {
            case "memory" -> new MemoryBackend();
            case "h2" -> {
                if (file == null) usage();
                yield new H2Backend(file);
            }
            default -> throw new IllegalArgumentException("unknown backend " + kind + " (use memory or h2)");
        };
        backend.version(new Version(releaseOf(wire), wire));
        MongoServer server = new MongoServer(backend);
        // SIGTERM runs this hook: the H2 backend closes its MVStore, so every acknowledged write is on disk.
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "local-mongo-shutdown"));
        server.bind("127.0.0.1", port);
        System.err.println("local-mongo listening on 127.0.0.1:" + port + " (" + kind + ", wire " + wire + ")");
    }

    private static void usage() {
        System.err.println("usage: LocalMongo <port> memory|h2 [file] [--wire=N]");
        System.exit(2);
    }
}
