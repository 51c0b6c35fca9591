#!/usr/bin/env python3
"""Writes resources/sounds/ring.wav, the incoming call's ring: two tones (440 + 480 Hz, as telephones ring),
0.4 s on, 0.2 s off, 0.4 s on, 2 s off, with 10 ms fades; 16 kHz mono. Made here, so it is nobody else's."""
import math
import struct
import sys
import wave

RATE = 16000
frames = []


def tone(seconds):
    n = int(RATE * seconds)
    for i in range(n):
        fade = min(1.0, i / (RATE * 0.01), (n - i) / (RATE * 0.01))
        v = 0.22 * fade * (math.sin(2 * math.pi * 440 * i / RATE) + math.sin(2 * math.pi * 480 * i / RATE))
        frames.append(int(v * 32767))


def silence(seconds):
    frames.extend([0] * int(RATE * seconds))


tone(0.4)
silence(0.2)
tone(0.4)
silence(2.0)
out = wave.open(sys.argv[1] if len(sys.argv) > 1 else "resources/sounds/ring.wav", "wb")
out.setnchannels(1)
out.setsampwidth(2)
out.setframerate(RATE)
out.writeframes(b"".join(struct.pack("<h", f) for f in frames))
out.close()
