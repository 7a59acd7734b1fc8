package io.dicomwatch.inventory;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Distinct count of keyed study hashes: exact up to {@link #EXACT_LIMIT} hashes, then a
 * HyperLogLog (Flajolet et al., 2007) of 2^{@link #PRECISION} one-byte registers, whose standard
 * error is about 1.04 / sqrt(2048), 2.3 %. Small counts, the usual case for one entity and hour,
 * are therefore exact and do not depend on the hash key. Sketches merge without loss, so hours
 * roll up into days.
 */
final class StudySketch {
    static final int EXACT_LIMIT = 128;
    static final int PRECISION = 11;
    private static final int REGISTERS = 1 << PRECISION;
    private static final byte FORMAT_EXACT = 1;
    private static final byte FORMAT_DENSE = 2;

    /** Sorted distinct hashes while exact, else null. */
    private long[] exact = new long[0];
    private byte[] registers;

    void add(long hash) {
        if (registers != null) {
            addToRegisters(hash);
            return;
        }
        int index = Arrays.binarySearch(exact, hash);
        if (index >= 0) {
            return;
        }
        int insertAt = -index - 1;
        long[] grown = new long[exact.length + 1];
        System.arraycopy(exact, 0, grown, 0, insertAt);
        grown[insertAt] = hash;
        System.arraycopy(exact, insertAt, grown, insertAt + 1, exact.length - insertAt);
        exact = grown;
        if (exact.length > EXACT_LIMIT) {
            toRegisters();
        }
    }

    private void toRegisters() {
        registers = new byte[REGISTERS];
        for (long hash : exact) {
            addToRegisters(hash);
        }
        exact = null;
    }

    private void addToRegisters(long hash) {
        int index = (int) (hash >>> (Long.SIZE - PRECISION));
        long rest = hash << PRECISION;
        int rank = Math.min(Long.numberOfLeadingZeros(rest), Long.SIZE - PRECISION) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    void merge(StudySketch other) {
        if (other.registers == null) {
            for (long hash : other.exact) {
                add(hash);
            }
            return;
        }
        if (registers == null) {
            toRegisters();
        }
        for (int i = 0; i < REGISTERS; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    /** Returns the distinct count: exact below the limit, else the HyperLogLog estimate rounded. */
    long estimate() {
        if (registers == null) {
            return exact.length;
        }
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        double estimate = alpha * REGISTERS * REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            // Linear counting for the small range (Flajolet et al., section 4).
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return Math.round(estimate);
    }

    void write(DataOutput out) throws IOException {
        if (registers == null) {
            out.writeByte(FORMAT_EXACT);
            out.writeInt(exact.length);
            for (long hash : exact) {
                out.writeLong(hash);
            }
        } else {
            out.writeByte(FORMAT_DENSE);
            out.write(registers);
        }
    }

    /** Reads a sketch written by {@link #write}; throws IOException on a malformed one. */
    static StudySketch read(DataInput in) throws IOException {
        StudySketch sketch = new StudySketch();
        byte format = in.readByte();
        if (format == FORMAT_EXACT) {
            int count = in.readInt();
            if (count < 0 || count > EXACT_LIMIT) {
                throw new IOException("invalid exact sketch size " + count);
            }
            for (int i = 0; i < count; i++) {
                sketch.add(in.readLong());
            }
        } else if (format == FORMAT_DENSE) {
            sketch.registers = new byte[REGISTERS];
            sketch.exact = null;
            in.readFully(sketch.registers);
        } else {
            throw new IOException("invalid sketch format " + format);
        }
        return sketch;
    }
}
