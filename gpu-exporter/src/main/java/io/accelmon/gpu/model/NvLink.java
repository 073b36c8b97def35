package io.accelmon.gpu.model;

import java.util.OptionalDouble;

/** One NVLink of a GPU: whether it is up, and its data byte counters (absent when the driver does not give them). */
public record NvLink(int link, boolean up, OptionalDouble transmitBytes, OptionalDouble receiveBytes) {
}
