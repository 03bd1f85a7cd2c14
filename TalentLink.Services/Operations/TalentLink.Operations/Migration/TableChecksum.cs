using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace TalentLink.Operations.Migration;

/// <summary>
/// An order-independent checksum of a table's content: the sum of a 64-bit XXH3 of each row's
/// canonical bytes. Values are canonicalised by what both engines can hold — timestamps at
/// microsecond precision (PostgreSQL's), Guids as their 16 bytes — so equal data on SQLite and
/// PostgreSQL gives equal checksums and any changed, lost or duplicated row changes it.
/// </summary>
public sealed class TableChecksum
{
    private readonly XxHash3 _row = new();
    private readonly byte[] _scratch = new byte[16];
    private ulong _sum;

    public long Rows { get; private set; }

    public string Value => _sum.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public void AddRow(ReadOnlySpan<object?> values)
    {
        _row.Reset();
        foreach (var value in values)
        {
            Append(value);
        }

        _sum += _row.GetCurrentHashAsUInt64();
        Rows++;
    }

    private void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendTag(0);
                break;
            case string text:
                AppendTag(1);
                AppendInt64(text.Length);
                _row.Append(MemoryMarshal.AsBytes(text.AsSpan())); // UTF-16 as read on both sides: no copy
                break;
            case Guid guid:
                AppendTag(2);
                guid.TryWriteBytes(_scratch);
                _row.Append(_scratch.AsSpan(0, 16));
                break;
            case DateTimeOffset moment:
                AppendTag(3);
                AppendInt64(moment.UtcTicks / 10);
                break;
            case DateTime moment:
                AppendTag(3);
                AppendInt64(moment.Ticks / 10);
                break;
            case TimeSpan span:
                AppendTag(4);
                AppendInt64(span.Ticks / 10);
                break;
            case bool flag:
                AppendTag(5);
                AppendInt64(flag ? 1 : 0);
                break;
            case double number:
                AppendTag(6);
                AppendInt64(BitConverter.DoubleToInt64Bits(number));
                break;
            case float number:
                AppendTag(6);
                AppendInt64(BitConverter.DoubleToInt64Bits(number));
                break;
            case byte[] bytes:
                AppendTag(7);
                AppendInt64(bytes.Length);
                _row.Append(bytes);
                break;
            case Enum or byte or sbyte or short or ushort or int or uint or long:
                AppendTag(8);
                AppendInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                AppendTag(9);
                _row.Append(Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                break;
        }
    }

    private void AppendTag(byte tag)
    {
        _scratch[0] = tag;
        _row.Append(_scratch.AsSpan(0, 1));
    }

    private void AppendInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_scratch, value);
        _row.Append(_scratch.AsSpan(0, 8));
    }
}
