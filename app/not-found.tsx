import { MessagePage } from '@/components/ui/message-page';

export default function NotFound() {
  return (
    <MessagePage title="Page not found">
      <p>There is nothing at this address.</p>
    </MessagePage>
  );
}
