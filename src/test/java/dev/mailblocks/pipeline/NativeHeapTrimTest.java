package dev.mailblocks.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The trimming of the C heap runs beside a job and ends with it. */
class NativeHeapTrimTest {

    @Test
    void trimsWhileOpenAndStopsWhenClosed() throws Exception {
        NativeHeapTrim trim = NativeHeapTrim.every(Duration.ofMillis(5));
        Thread.sleep(100);
        // this JDK (17.0.9 and later) has the command: the trimming is still running after several trims
        boolean available = java.util.Arrays.stream(ManagementFactory.getPlatformMBeanServer()
                .getMBeanInfo(new ObjectName("com.sun.management:type=DiagnosticCommand")).getOperations())
                .anyMatch(op -> op.getName().equals("systemTrimNativeHeap"));
        assertTrue(!available || trim.running(), "stopped although the JVM can trim");
        trim.close();
        for (int i = 0; i < 100 && trim.running(); i++) {
            Thread.sleep(10);
        }
        assertFalse(trim.running(), "still trimming after close");
    }
}
