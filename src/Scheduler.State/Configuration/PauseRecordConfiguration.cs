using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.State.Entities;

namespace Scheduler.State.Configuration;

internal sealed class PauseRecordConfiguration : IEntityTypeConfiguration<PauseRecord>
{
    public void Configure(EntityTypeBuilder<PauseRecord> builder)
    {
        builder.ToTable("Pauses");
        builder.HasKey(p => p.Target);
        builder.Property(p => p.Target).HasMaxLength(Lengths.TaskId);
        builder.Property(p => p.By).HasMaxLength(Lengths.Name);
        builder.Property(p => p.Reason).HasMaxLength(Lengths.Path);
        builder.Property(p => p.DefinitionHash).HasMaxLength(Lengths.Hash);
    }
}
