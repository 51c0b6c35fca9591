// libFuzzer target: the binary frame decoder, fed the input in pieces as a socket would deliver it.
// Whatever comes in, the decoder must not crash, and every frame it yields must encode back to a frame that
// decodes to itself.

#include "protocol/frame.h"
#include "protocol/framedecoder.h"

#include <cstddef>
#include <cstdint>

using namespace parley;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte is the size of the pieces (1..256): a frame may end anywhere in a read.
    const size_t piece = size_t(data[0]) + 1;
    ++data;
    --size;
    FrameDecoder decoder;
    for (size_t at = 0; at < size && !decoder.hasError(); at += piece) {
        decoder.append(
            QByteArrayView(reinterpret_cast<const char *>(data + at), qsizetype(std::min(piece, size - at))));
        while (const std::optional<Frame> frame = decoder.next()) {
            FrameDecoder again;
            again.append(frame->encode());
            const std::optional<Frame> same = again.next();
            if (!same || !(*same == *frame) || again.hasError())
                __builtin_trap();
        }
    }
    return 0;
}
