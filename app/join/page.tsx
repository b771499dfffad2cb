import type { Metadata } from 'next';
import { JoinByCode } from '@/components/join/join-by-code';

export const metadata: Metadata = { title: 'Join a workshop – Common Ground' };

export default function Page() {
  return <JoinByCode />;
}
