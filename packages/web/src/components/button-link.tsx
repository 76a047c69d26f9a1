import { Button, type ButtonProps } from 'antd';
import { useNavigate } from 'react-router-dom';

/** A button-styled link that navigates inside the app (a real <a href>, so it opens in a new tab too). */
export function ButtonLink({ to, ...props }: Omit<ButtonProps, 'href' | 'onClick'> & { to: string }) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
