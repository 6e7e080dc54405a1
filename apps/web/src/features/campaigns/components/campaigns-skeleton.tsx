import { Skeleton } from '@/components/ui/skeleton.tsx';

// Rows of grey while the first page loads.
export function CampaignsSkeleton() {
  return (
    <div className="grid gap-3 rounded-xl border bg-card p-4">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="h-5 flex-1" />
          <Skeleton className="h-5 w-20" />
          <Skeleton className="hidden h-2 w-40 sm:block" />
        </div>
      ))}
    </div>
  );
}
