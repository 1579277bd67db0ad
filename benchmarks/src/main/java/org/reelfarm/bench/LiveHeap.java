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
 * Full collections asked of another JVM on this machine ({@link MemoryMXBean#gc}, what
 * {@code System.gc()} runs), so that its GC log shows its live heap: after a full collection the
 * heap holds only what is reachable, which no young or mixed pause of G1 says (they leave old
 * regions' garbage in place, as much as the heuristics let pile up). The heap is read from the
 * log ({@link GcLog#explicitFull}), not from {@link MemoryMXBean#getHeapMemoryUsage}: by the time
 * that answers, the JVM's threads have allocated again. Connects through the JDK's attach API and
 * the target's local JMX agent, which this starts; each collection pauses the target.
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

    /** Runs a full collection in the JVM; false if it has gone. */
    boolean collect() {
        try {
            memory.gc();
            return true;
        } catch (RuntimeException e) { // UndeclaredThrowableException and the like: the JVM exited
            return false;
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
