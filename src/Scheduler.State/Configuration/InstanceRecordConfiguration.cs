using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.State.Entities;

namespace Scheduler.State.Configuration;

internal sealed class InstanceRecordConfiguration : IEntityTypeConfiguration<InstanceRecord>
{
    public void Configure(EntityTypeBuilder<InstanceRecord> builder)
    {
        builder.ToTable("Instances");
        builder.HasKey(i => i.Name);
        builder.Property(i => i.Name).HasMaxLength(Lengths.Name);
        builder.Property(i => i.Version).HasMaxLength(Lengths.Name);
    }
}
