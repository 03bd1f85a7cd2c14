namespace TalentLink.Messaging.Model;

/// <summary>
/// Message ids that sort in the order this process created them: version 7 GUIDs whose 12 bits after
/// the millisecond count up when the clock has not moved on (RFC 9562 §6.2, method 1), and whose
/// millisecond never goes back. <see cref="Guid.CreateVersion7()"/> fills those bits at random, so two
/// messages sent in the same millisecond could come back from history in either order (a message's
/// sort key is its sent time, then its id).
/// </summary>
public static class MessageIds
{
    private const int MaxCounter = 0xFFF;
    private static readonly Lock Gate = new();
    private static long _milliseconds = long.MinValue;
    private static int _counter;

    public static Guid Next(DateTimeOffset sentAt)
    {
        long milliseconds;
        int counter;
        lock (Gate)
        {
            if (sentAt.ToUnixTimeMilliseconds() > _milliseconds)
            {
                (_milliseconds, _counter) = (sentAt.ToUnixTimeMilliseconds(), 0);
            }
            else if (++_counter > MaxCounter)
            {
                // 4,096 ids in one millisecond: borrow the next one.
                (_milliseconds, _counter) = (_milliseconds + 1, 0);
            }

            (milliseconds, counter) = (_milliseconds, _counter);
        }

        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)).TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        return new Guid(bytes, bigEndian: true);
    }
}
