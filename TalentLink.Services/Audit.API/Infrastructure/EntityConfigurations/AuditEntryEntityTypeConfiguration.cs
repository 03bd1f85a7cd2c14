using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Audit.Infrastructure.EntityConfigurations;

internal sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string TableName = "audit_entries";
    public const int NameMaxLength = 64;
    public const int RoleMaxLength = 32;
    public const int ClientAddressMaxLength = 64;
    public const int DetailsMaxLength = 1000;

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorRole).HasMaxLength(RoleMaxLength);
        builder.Property(e => e.Action).HasMaxLength(NameMaxLength);
        builder.Property(e => e.TargetType).HasMaxLength(NameMaxLength);
        builder.Property(e => e.TargetId).HasMaxLength(NameMaxLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(ClientAddressMaxLength);
        builder.Property(e => e.Details).HasMaxLength(DetailsMaxLength);

        // Newest first, overall and by each filter admins and users page through.
        builder.HasIndex(e => new { e.At, e.Id });
        builder.HasIndex(e => new { e.ActorId, e.At });
        builder.HasIndex(e => new { e.SubjectUserId, e.Action, e.At });
        builder.HasIndex(e => new { e.Action, e.At });
        builder.HasIndex(e => new { e.TargetType, e.TargetId });
    }
}
