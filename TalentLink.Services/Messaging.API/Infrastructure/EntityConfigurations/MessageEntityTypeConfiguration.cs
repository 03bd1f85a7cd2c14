using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Messaging.Infrastructure.EntityConfigurations;

internal sealed class MessageEntityTypeConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Text).IsRequired();
        builder.Property(m => m.ClientMessageId).HasMaxLength(Message.MaxClientMessageIdLength);
        builder.Property(m => m.SortKey).HasMaxLength(Message.SortKeyLength).IsRequired();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);

        // History and catch-up walk this index; it orders by time then id.
        builder.HasIndex(m => new { m.ConversationId, m.SortKey }).IsUnique();

        // Idempotent sends: one message per client message id in a conversation (NULLs are distinct).
        builder.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique();
    }
}
