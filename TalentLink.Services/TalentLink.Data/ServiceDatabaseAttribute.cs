namespace TalentLink.Data;

/// <summary>
/// Names the database a service context owns (the <c>ConnectionStrings:xxxdb</c> key and, on SQLite,
/// the file <c>xxx.db</c>). Put it on the service's abstract context; its <c>SqliteXxxContext</c> and
/// <c>PostgresXxxContext</c> flavours inherit it. Operations (backup, migrate, advise) find every
/// service by this attribute, so a new service is covered without changing operations code.
/// Without it, the name is derived from the context: <c>OffersContext</c> → <c>offersdb</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class ServiceDatabaseAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
