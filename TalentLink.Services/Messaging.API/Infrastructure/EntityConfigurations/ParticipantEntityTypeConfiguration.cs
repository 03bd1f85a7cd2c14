using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Messaging.Infrastructure.EntityConfigurations;

internal sealed class ParticipantEntityTypeConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.ToTable("conversation_participants");
        builder.HasKey(p => new { p.ConversationId, p.UserId });
        builder.HasIndex(p => p.UserId);
        builder.Property(p => p.LastReadKey).HasMaxLength(Message.SortKeyLength);
    }
}
