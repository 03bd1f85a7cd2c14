using System.Security.Cryptography;
using System.Text;
using MongoDB.Bson;

namespace TalentLink.Messaging.Infrastructure.Mongo;

/// <summary>
/// Deterministic ObjectIds: the first 12 bytes of SHA-256 over a kind and a natural key, so two
/// writers inserting the same thing insert the same <c>_id</c> and the server keeps exactly one.
/// </summary>
internal static class DocumentIds
{
    public static ObjectId For(string kind, string naturalKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{naturalKey}"), hash);
        return new ObjectId(hash[..12].ToArray());
    }
}
