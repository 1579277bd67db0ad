package org.reelfarm.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Optional;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The live heap of another JVM on this machine: a full collection there ({@link MemoryMXBean#gc},
 * what {@code System.gc()} runs), then the heap in use. After a full collection the heap holds
 * only what is reachable, which no young or mixed pause of G1 says: they leave old regions'
 * garbage in place, as much as the heuristics let pile up. Connects through the JDK's attach API
 * and the target's local JMX agent, which this starts; each sample pauses the target for its
 * full collection.
 */
final class LiveHeap implements AutoCloseable {
    private final JMXConnector connector;
    private final MemoryMXBean memory;

    private LiveHeap(JMXConnector connector, MemoryMXBean memory) {
        this.connector = connector;
        this.memory = memory;
    }

    /** Connects to the JVM of {@code pid}; empty if it cannot be attached to (yet). */
    static Optional<LiveHeap> attach(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            return Optional.of(new LiveHeap(connector, memory));
        } catch (IOException | com.sun.tools.attach.AttachNotSupportedException | RuntimeException e) {
            return Optional.empty(); // not started far enough, or gone
        }
    }

    /** MB in use right after a full collection; empty if the JVM has gone. */
    Optional<Double> sampleMb() {
        try {
            memory.gc();
            return Optional.of(memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0));
        } catch (RuntimeException e) { // UndeclaredThrowableException and the like: the JVM exited
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException e) {
            // the JVM has gone: nothing to close
        }
    }
}
