using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Messaging.Infrastructure.EntityConfigurations;

internal sealed class ConversationEntityTypeConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ParticipantKey).HasMaxLength(4000).IsRequired();
        builder.HasIndex(c => c.ParticipantKey).IsUnique();
        builder.HasIndex(c => c.LastActivityAt);
        builder.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(c => c.LastMessage);

        // A send moves the conversation to its message only from the last message it read (EmbeddedMessageStore).
        builder.Property(c => c.LastMessageId).IsConcurrencyToken();
    }
}
