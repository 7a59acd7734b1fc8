package io.dicomwatch.capture;

/**
 * How one interface is opened for live capture.
 *
 * @param interfaceName the interface, such as eth1
 * @param snapLength bytes kept of each frame, at most libpcap's maximum of 262144
 * @param bufferSize kernel capture buffer in bytes
 * @param filter BPF filter in tcpdump syntax; empty for none
 */
public record LiveCaptureConfig(String interfaceName, int snapLength, int bufferSize, String filter) {
}
