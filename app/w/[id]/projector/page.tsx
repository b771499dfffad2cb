import { WorkshopEntry } from '@/components/workshop/workshop-entry';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkshopEntry workshopId={id} role="projector" />;
}
