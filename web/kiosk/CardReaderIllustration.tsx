/**
 * A card being laid on the reader (or, `taking`, lifted off it). Decorative:
 * the text beside it gives the instruction, so the drawing is hidden from
 * assistive technology.
 */
export function CardReaderIllustration({
  className,
  taking = false,
}: {
  className?: string;
  taking?: boolean;
}) {
  return (
    <svg className={className} viewBox="0 0 400 320" aria-hidden="true" focusable="false">
      {/* the reader */}
      <path d="M40 250 L90 180 H330 L380 250 Z" fill="#e6e6e6" stroke="#4d4d4d" strokeWidth="4" />
      <path
        d="M40 250 H380 V272 Q380 282 370 282 H50 Q40 282 40 272 Z"
        fill="#b3b3b3"
        stroke="#4d4d4d"
        strokeWidth="4"
      />
      <path
        d="M120 200 H300 L325 236 H95 Z"
        fill="#ffffff"
        stroke="#0031d8"
        strokeWidth="3"
        strokeDasharray="10 8"
      />
      <circle cx="350" cy="266" r="6" fill="#259d63" />
      {/* the card, coming down onto the reader */}
      <g className="kiosk-card__card">
        <rect
          x="130"
          y="40"
          width="160"
          height="100"
          rx="10"
          fill="#e8f1fe"
          stroke="#0031d8"
          strokeWidth="4"
        />
        <rect x="146" y="58" width="40" height="50" rx="4" fill="#9db7f9" />
        <rect x="198" y="62" width="76" height="8" rx="4" fill="#0031d8" />
        <rect x="198" y="80" width="60" height="8" rx="4" fill="#7096f8" />
        <rect x="198" y="98" width="68" height="8" rx="4" fill="#7096f8" />
        <rect x="236" y="116" width="34" height="16" rx="3" fill="#ebb700" />
      </g>
      {/* the arrow: down onto the reader, or up and away */}
      <path
        d={taking ? 'M210 178 V150 M196 162 L210 148 L224 162' : 'M210 148 V176 M196 164 L210 178 L224 164'}
        fill="none"
        stroke="#0031d8"
        strokeWidth="6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
