'use client';
// use-stick-to-bottom lets go of the bottom as soon as the mouse wheel turns upwards. A scroll by
// keyboard, by touch or by dragging the scrollbar it sees only through scroll events, and it ignores
// those that come while the content is resizing (an answer streaming, older messages of a long chat
// being measured), so the list would pull such a reader back down. This hands those intents to it
// the way its wheel handler does. Home and End jump at once instead of the browser's smooth scroll:
// in a long chat the windowed messages are measured on the way, and the virtualizer's corrections
// of the scroll position would stop a smooth scroll half-way.
import { useEffect } from 'react';
import { useStickToBottomContext } from 'use-stick-to-bottom';

const UP_KEYS = new Set(['PageUp', 'ArrowUp']);

function isTextField(target: EventTarget | null) {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
}

export function ScrollIntent() {
  const { scrollRef, stopScroll, scrollToBottom } = useStickToBottomContext();
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    let touchY: number | undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextField(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Home') {
        event.preventDefault();
        stopScroll();
        scroller.scrollTo({ top: 0 });
      } else if (event.key === 'End') {
        event.preventDefault();
        void scrollToBottom('instant');
      } else if (UP_KEYS.has(event.key) || (event.key === ' ' && event.shiftKey)) {
        stopScroll();
      }
    };
    const onTouchStart = (event: TouchEvent) => (touchY = event.touches[0]?.clientY);
    const onTouchMove = (event: TouchEvent) => {
      const y = event.touches[0]?.clientY;
      // A finger moving down scrolls the content up.
      if (touchY !== undefined && y !== undefined && y > touchY + 2) stopScroll();
      touchY = y;
    };
    const onPointerDown = (event: PointerEvent) => {
      // On the scrollbar itself (beside the content box).
      if (event.target === scroller && event.offsetX >= scroller.clientWidth) stopScroll();
    };
    window.addEventListener('keydown', onKey);
    scroller.addEventListener('touchstart', onTouchStart, { passive: true });
    scroller.addEventListener('touchmove', onTouchMove, { passive: true });
    scroller.addEventListener('pointerdown', onPointerDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      scroller.removeEventListener('touchstart', onTouchStart);
      scroller.removeEventListener('touchmove', onTouchMove);
      scroller.removeEventListener('pointerdown', onPointerDown);
    };
  }, [scrollRef, stopScroll, scrollToBottom]);
  return null;
}
