import { HandbookEntry } from '@/components/handbook/handbook-entry';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <HandbookEntry workshopId={id} />;
}
